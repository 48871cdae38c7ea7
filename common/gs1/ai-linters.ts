/**
 * Content checks named in the GS1 Barcode Syntax Dictionary ("linters"), written from the rules of the GS1 General
 * Specifications that each names. Each returns null when the component is acceptable, else a short reason.
 *
 * Code-list checks (ISO 3166 countries, ISO 4217 currencies, package types, media types, importer index, coupon
 * fields) are listed in UNCHECKED_LINTERS: no authoritative code list is among the project fixtures, so those
 * components are validated for format (length, character set) only.
 */
import { checkCheckCharacterPair, checkGs1CheckDigit, describeCheckDigitProblem } from './check-digit.ts';

export type Linter = (component: string) => string | null;

/** Linters whose code lists are not bundled; the component's format is still checked. */
export const UNCHECKED_LINTERS: ReadonlySet<string> = new Set([
  'iso3166',
  'iso3166999',
  'iso3166alpha2',
  'iso4217',
  'mediatype',
  'packagetype',
  'importeridx',
  'couponcode',
  'couponposoffer',
]);

/** The shortest GS1 Company Prefix has 4 digits (GS1 General Specifications, "GS1 Company Prefix"; dictionary linter `gcppos1`). */
const GCP_MIN_LENGTH = 4;

function gcpAt(offset: number): Linter {
  return (s) => {
    if (s.length < offset + GCP_MIN_LENGTH) return 'too short to start with a GS1 Company Prefix';
    return /^\d+$/.test(s.slice(offset, offset + GCP_MIN_LENGTH)) ? null : 'does not start with a GS1 Company Prefix (digits)';
  };
}

function twoDigits(s: string, from: number): number {
  return Number(s.slice(from, from + 2));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * YYMMDD dates (GS1 General Specifications §7.12). The century of YY is resolved by a ±50-year window around the
 * current year, which holds only one century year (2000, a leap year), so "YY divisible by 4" decides Feb 29.
 * `dayZero`: DD = 00 is allowed and means the last day of the month (AIs 11–17).
 */
function yymmdd(dayZero: boolean): Linter {
  return (s) => {
    const yy = twoDigits(s, 0);
    const mm = twoDigits(s, 2);
    const dd = twoDigits(s, 4);
    if (mm < 1 || mm > 12) return `month ${s.slice(2, 4)} is not 01–12`;
    const max = daysInMonth(2000 + yy, mm);
    if ((dd === 0 && !dayZero) || dd > max) return `day ${s.slice(4, 6)} is not valid for month ${s.slice(2, 4)}`;
    return null;
  };
}

function yyyymmdd(s: string): string | null {
  const year = Number(s.slice(0, 4));
  const mm = twoDigits(s, 4);
  const dd = twoDigits(s, 6);
  if (mm < 1 || mm > 12) return `month ${s.slice(4, 6)} is not 01–12`;
  if (dd < 1 || dd > daysInMonth(year, mm)) return `day ${s.slice(6, 8)} is not valid for ${s.slice(0, 6)}`;
  return null;
}

function range(from: number, to: number, what: string): Linter {
  return (s) => {
    const n = Number(s);
    return n >= from && n <= to ? null : `${what} ${s} is out of range`;
  };
}

/** ISO 13616 IBAN (AI 8007): country letters, two check digits, mod 97 of the rearranged number is 1. */
function iban(s: string): string | null {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(s)) return 'is not an IBAN (2 letters, 2 check digits, then letters and digits)';
  let rest = 0;
  for (const ch of s.slice(4) + s.slice(0, 4)) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1 ? null : 'IBAN check digits are wrong';
}

export const LINTERS: Readonly<Record<string, Linter>> = {
  csum: (s) => {
    const p = checkGs1CheckDigit(s);
    return p ? describeCheckDigitProblem(p, 'key') : null;
  },
  csumalpha: (s) => {
    const p = checkCheckCharacterPair(s);
    return p ? describeCheckDigitProblem(p, 'key').replace('check digit is', 'check character pair is') : null;
  },
  gcppos1: gcpAt(0),
  gcppos2: gcpAt(1),
  yymmd0: yymmdd(true),
  yymmdd: yymmdd(false),
  yyyymmdd,
  hhmi: (s) => (twoDigits(s, 0) <= 23 && twoDigits(s, 2) <= 59 ? null : `time ${s} is not HHMI`),
  hh: range(0, 23, 'hour'),
  mi: range(0, 59, 'minute'),
  ss: range(0, 59, 'second'),
  zero: (s) => (s === '0' ? null : 'must be 0'),
  nonzero: (s) => (/^0+$/.test(s) ? 'must not be zero' : null),
  nozeroprefix: (s) => (s.length > 1 && s.startsWith('0') ? 'must not start with 0' : null),
  yesno: (s) => (s === '0' || s === '1' ? null : 'must be 0 or 1'),
  winding: (s) => (['0', '1', '9'].includes(s) ? null : 'winding direction must be 0, 1 or 9'),
  iso5218: (s) => (['0', '1', '2', '9'].includes(s) ? null : 'sex code (ISO/IEC 5218) must be 0, 1, 2 or 9'),
  hyphen: (s) => (s === '-' ? null : "must be '-'"),
  hasnondigit: (s) => (/^\d*$/.test(s) ? 'must contain a non-digit character' : null),
  pieceoftotal: (s) => {
    const piece = twoDigits(s, 0);
    const total = twoDigits(s, 2);
    return piece >= 1 && total >= 1 && piece <= total ? null : `piece ${s.slice(0, 2)} of total ${s.slice(2, 4)} is not valid`;
  },
  posinseqslash: (s) => {
    const m = /^([1-9])\/([1-9])$/.exec(s);
    return m && Number(m[1]) <= Number(m[2]) ? null : 'must be <position>/<total>, e.g. 1/2';
  },
  latitude: range(0, 1_800_000_000, 'latitude'),
  longitude: range(0, 3_599_999_999, 'longitude'),
  pcenc: (s) => (/%(?![0-9A-Fa-f]{2})/.test(s) ? "'%' must start a percent-encoded byte" : null),
  iban,
};
