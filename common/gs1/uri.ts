/**
 * The parts of RFC 3986 that GS1 Digital Link URIs need: splitting an http(s) URI, checking its authority and
 * characters, and percent-encoding / -decoding of AI values (GS1 Digital Link URI Syntax: values are percent-encoded
 * except for the RFC 3986 unreserved characters; in the query string `+` means a space, in the path it is a `+`).
 */

export interface HttpUriParts {
  /** `http` or `https`, lower-cased. */
  scheme: string;
  authority: string;
  /** Starts with `/`, or is empty. */
  path: string;
  query: string | null;
  fragment: string | null;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** RFC 3986 pchar without pct-encoded (checked apart), plus `/` (path) — `?` is added for the query. */
const PATH_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const REG_NAME = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;
/** IPv6 / IPvFuture literal; a zone identifier (`%25…`, RFC 6874) is refused as the GS1 reference engine does. */
const IP_LITERAL = /^\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]$/;

/**
 * Splits an http(s) URI. GS1 Digital Link accepts the scheme in all-lower or all-upper case only (reference engine
 * gs1/gs1-syntax-engine, vectors `HTTP://…` valid, `HtTp://…` invalid).
 */
export function splitHttpUri(uri: string): { parts: HttpUriParts | null; error: string | null } {
  const m = /^(http|https|HTTP|HTTPS):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(uri);
  if (!m) return { parts: null, error: 'not an http:// or https:// URI (scheme in all-lower or all-upper case)' };
  const authority = m[2] ?? '';
  const hostPort = /^(.*?)(?::(\d*))?$/.exec(authority);
  const host = hostPort?.[1] ?? '';
  if (host === '' || !(REG_NAME.test(host) || IP_LITERAL.test(host))) return { parts: null, error: `'${authority}' is not a valid host` };
  return {
    parts: { scheme: (m[1] ?? '').toLowerCase(), authority, path: m[3] ?? '', query: m[4] ?? null, fragment: m[5] ?? null },
    error: null,
  };
}

/** The first character not allowed (raw) in a URI path or query, or a `%` not followed by two hex digits; null if none. */
export function badUriCharacter(text: string, inQuery: boolean): string | null {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '%') {
      if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) return `'%' at '${text.slice(i, i + 3)}' does not start a percent-encoded byte`;
      continue;
    }
    if (!PATH_CHAR.test(ch) && !(inQuery && ch === '?')) return `character '${ch}' must be percent-encoded`;
  }
  return null;
}

/**
 * Decodes %XX sequences (and `+` as a space when `plusIsSpace`, for query strings). GS1 AI data is ASCII, so bytes of
 * 0x80 and above become Latin-1 characters that the AI character-set checks then refuse; a NUL byte is an error.
 */
export function percentDecode(text: string, plusIsSpace: boolean): { value: string; error: string | null } {
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      const code = Number.parseInt(text.slice(i + 1, i + 3), 16);
      if (code === 0) return { value, error: 'percent-encoded NUL (%00)' };
      value += String.fromCharCode(code);
      i += 2;
    } else if (ch === '%') {
      return { value, error: `'%' at '${text.slice(i, i + 3)}' does not start a percent-encoded byte` };
    } else {
      value += plusIsSpace && ch === '+' ? ' ' : ch;
    }
  }
  return { value, error: null };
}

/** Percent-encodes every character other than the RFC 3986 unreserved ones, upper-case hex (e.g. `ABC+1` → `ABC%2B1`). */
export function percentEncode(value: string): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch)) out += ch;
    else if (ch.charCodeAt(0) < 0x80) out += `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}
