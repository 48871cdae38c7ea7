/**
 * Traceable codes for people: what a GS1 Digital Link / EPC URN names (批次, 单品, 托盘, …) in a short
 * Chinese form, and turning what a user types (a URI, an EPC URN, a bare 商品条码, bracketed AI data,
 * or 商品条码 + 批次号) into the code the trace API takes, with the GTIN check digit checked here first.
 */
import {
  type CheckDigitProblem,
  checkAiValue,
  checkGs1Key,
  checkGtin,
  digitalLinkFromAis,
  GS1_RESOLVER,
  normaliseIdentifier,
  parseBracketedAiData,
} from '../../../../../common/gs1/index.ts';
import { type CodeKind, KIND_LABEL } from '../../../charts/trace-kinds';

export interface CodeInfo {
  /** the canonical form (what the trace index compares on); the input itself when it is not a GS1 identifier */
  code: string;
  kind: CodeKind;
  kindLabel: string;
  /** the 商品条码 as printed: GTIN-13 (or GTIN-8) without the GTIN-14 padding */
  gtin?: string;
  lot?: string;
  serial?: string;
  sscc?: string;
  gln?: string;
  /** GLN extension (AI 254): a part of the location, e.g. a warehouse bay */
  glnExtension?: string;
  /** one line, e.g. "商品条码 6970000000116 批次 DRINK-1" */
  text: string;
  /** the short name a graph node or tag shows, e.g. "批次 DRINK-1" */
  title: string;
  /** the second line under `title`, e.g. the 商品条码 */
  subtitle: string | null;
  /** after a kind tag: "DRINK-1（6970000000116）", "006970000000000019" */
  compact: string;
}

/**
 * The 商品条码 a package carries for a GTIN-14 key: GTIN-8 when it is padded with six zeros, else GTIN-13
 * when padded with one (Chinese barcodes are EAN-13); a real GTIN-14 (indicator digit) stays as it is.
 */
export function displayGtin(gtin14: string): string {
  if (gtin14.length !== 14) return gtin14;
  if (gtin14.startsWith('000000')) return gtin14.slice(6);
  if (gtin14.startsWith('0')) return gtin14.slice(1);
  return gtin14;
}

function glnExtensionOf(code: string): string | undefined {
  const match = /\/254\/([^/?#]+)/.exec(code);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** The last characters of a long non-GS1 code, enough to tell codes apart on a graph. */
function tail(code: string, length = 24): string {
  return code.length <= length ? code : `…${code.slice(-length + 1)}`;
}

const cache = new Map<string, CodeInfo>();
const CACHE_LIMIT = 5000;

function describe(value: string): CodeInfo {
  const n = normaliseIdentifier(value);
  const code = n.canonical || value;
  const base = { code, kind: n.kind, kindLabel: KIND_LABEL[n.kind] };
  const gtin = n.gtin ? displayGtin(n.gtin) : undefined;
  switch (n.kind) {
    case 'batch':
      return {
        ...base,
        gtin,
        lot: n.lot,
        text: `商品条码 ${gtin} 批次 ${n.lot}`,
        title: `批次 ${n.lot}`,
        subtitle: gtin ?? null,
        compact: `${n.lot}（${gtin}）`,
      };
    case 'item':
      return {
        ...base,
        gtin,
        serial: n.serial,
        text: `商品条码 ${gtin} 序列号 ${n.serial ?? ''}`.trim(),
        title: `单品 ${n.serial ?? ''}`.trim(),
        subtitle: gtin ?? null,
        compact: `${n.serial ?? ''}（${gtin}）`,
      };
    case 'class':
      return { ...base, gtin, text: `商品条码 ${gtin}（产品）`, title: '产品', subtitle: gtin ?? null, compact: gtin ?? code };
    case 'sscc':
      return { ...base, sscc: n.sscc, text: `托盘 SSCC ${n.sscc}`, title: '托盘 SSCC', subtitle: n.sscc ?? null, compact: n.sscc ?? code };
    case 'location': {
      const glnExtension = glnExtensionOf(code);
      const extension = glnExtension ? ` 分区 ${glnExtension}` : '';
      return {
        ...base,
        gln: n.gln,
        glnExtension,
        text: `地点 GLN ${n.gln}${extension}`,
        title: `地点${extension}`,
        subtitle: n.gln ?? null,
        compact: `${n.gln}${extension}`,
      };
    }
    default:
      return { ...base, text: code, title: tail(code), subtitle: null, compact: code };
  }
}

/** What a code names, in a short human form. Never throws; anything not GS1 comes back as kind 'other' and as written. */
export function describeCode(value: string): CodeInfo {
  const known = cache.get(value);
  if (known) return known;
  const info = describe(value);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, info);
  return info;
}

/** The canonical form of a code, so codes from events compare equal to the trace API's (EPC URN → Digital Link, …). */
export const canonicalCode = (value: string): string => describeCode(value).code;

/** Registered location names by canonical identifier (GET /api/v1/trace/locations). */
export type LocationNames = ReadonlyMap<string, string>;

/**
 * "GLN 6970000001014" for a location — "德清示范超市 门店（GLN 6970000001021）" when its name is known —
 * the short text for anything else; "—" for none.
 */
export function locationText(value: string | null | undefined, names?: LocationNames): string {
  if (!value) return '—';
  const info = describeCode(value);
  if (info.kind !== 'location') return info.text;
  const gln = `GLN ${info.gln}${info.glnExtension ? ` 分区 ${info.glnExtension}` : ''}`;
  const name = names?.get(info.code);
  return name ? `${name}（${gln}）` : gln;
}

// --- reading what a user typed ---

export type CodeInput = { ok: true; code: string } | { ok: false; field: 'code' | 'gtin' | 'lot'; message: string };

/** A Chinese sentence for a GTIN check-digit problem. */
export function gtinProblemText(problem: CheckDigitProblem): string {
  switch (problem.rule) {
    case 'length':
      return `商品条码应为 8、12、13 或 14 位数字，当前为 ${problem.actual} 位`;
    case 'charset':
      return `商品条码只能包含数字（第 ${problem.position} 位是“${problem.char}”）`;
    case 'check':
      return `商品条码校验位错误：最后一位应为 ${problem.expected}，实际为 ${problem.actual}，请核对条码`;
  }
}

const LOT_RULE = '批次号为 1–20 个字符，只能使用字母、数字和 GS1 允许的符号（不能含空格或中文）';

/** 商品条码 + 批次号 → `https://id.gs1.org/01/<gtin14>/10/<lot>`, checking the GTIN's check digit and the lot's characters. */
export function composeBatchCode(gtinInput: string, lotInput: string): CodeInput {
  const gtin = gtinInput.trim();
  const lot = lotInput.trim();
  if (gtin === '') return { ok: false, field: 'gtin', message: '请输入商品条码' };
  const problem = checkGtin(gtin);
  if (problem) return { ok: false, field: 'gtin', message: gtinProblemText(problem) };
  if (lot === '') return { ok: false, field: 'lot', message: '请输入批次号' };
  if (checkAiValue('10', lot)) return { ok: false, field: 'lot', message: LOT_RULE };
  const built = digitalLinkFromAis([
    { ai: '01', value: gtin.padStart(14, '0') },
    { ai: '10', value: lot },
  ]);
  return built.uri ? { ok: true, code: built.uri } : { ok: false, field: 'lot', message: LOT_RULE };
}

const UNKNOWN_INPUT = '无法识别的追溯码：请输入 GS1 数字链接（如 https://id.gs1.org/01/…/10/…）、EPC URN（urn:epc:…）、商品条码，或 (01)…(10)… 形式的条码数据';

/** The GTIN inside a Digital Link or bracketed input, checked first so its error reads in Chinese. */
function gtinError(value: string): string | null {
  const match = /\/01\/([^/?#]+)/.exec(value) ?? /^\(01\)([^(]*)/.exec(value);
  const digits = match?.[1];
  if (!digits) return null;
  const problem = checkGtin(digits);
  return problem ? gtinProblemText(problem) : null;
}

function fromBracketed(text: string): CodeInput {
  const gtin = gtinError(text);
  if (gtin) return { ok: false, field: 'code', message: gtin };
  const parsed = parseBracketedAiData(text);
  if (parsed.errors.length > 0) return { ok: false, field: 'code', message: `条码数据格式错误（${parsed.errors.join('；')}）` };
  const built = digitalLinkFromAis(parsed.ais);
  if (!built.uri) return { ok: false, field: 'code', message: `条码数据无效（${built.errors.join('；')}）` };
  return { ok: true, code: normaliseIdentifier(built.uri).canonical };
}

function fromDigits(digits: string): CodeInput {
  if ([8, 12, 13, 14].includes(digits.length)) {
    const problem = checkGtin(digits);
    if (problem) return { ok: false, field: 'code', message: gtinProblemText(problem) };
    return { ok: true, code: `${GS1_RESOLVER}/01/${digits.padStart(14, '0')}` };
  }
  if (digits.length === 18) {
    const problem = checkGs1Key('sscc', digits);
    if (problem) return { ok: false, field: 'code', message: `SSCC 校验位错误：最后一位应为 ${problem.rule === 'check' ? problem.expected : '?'}` };
    return { ok: true, code: `${GS1_RESOLVER}/00/${digits}` };
  }
  return { ok: false, field: 'code', message: '纯数字只能是商品条码（8、12、13 或 14 位）或 SSCC 托盘码（18 位）' };
}

/**
 * What the user typed in the 追溯码 box → the code to trace. GS1 forms come back canonical (the server
 * canonicalises too; this only spares a round trip for a typo); another http(s) URI is passed on as written.
 */
export function parseCodeInput(input: string): CodeInput {
  const text = input.trim();
  if (text === '') return { ok: false, field: 'code', message: '请输入追溯码' };
  if (text.startsWith('(')) return fromBracketed(text);
  if (/^\d+$/.test(text)) return fromDigits(text);
  if (!/^(urn:epc:|https?:\/\/)/i.test(text)) {
    // EPCIS identifiers are URIs (EPCIS 2.0 §6.1): another scheme (urn:example:…) is an identifier of some other system.
    return /^[a-z][a-z0-9+.-]*:\S+$/i.test(text) ? { ok: true, code: text } : { ok: false, field: 'code', message: UNKNOWN_INPUT };
  }
  const n = normaliseIdentifier(text);
  if (n.errors.length > 0) {
    return { ok: false, field: 'code', message: (/^https?:/i.test(text) ? gtinError(text) : null) ?? `追溯码无效（${n.errors.join('；')}）` };
  }
  return { ok: true, code: n.canonical };
}
