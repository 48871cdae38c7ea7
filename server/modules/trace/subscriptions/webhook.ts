import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * The webhook end of EPCIS subscriptions: which `dest` URLs are allowed, and the signed POST itself.
 *
 * SSRF: the server makes requests on a client's behalf, so unless EPCIS_WEBHOOK_ALLOW_PRIVATE (tests, demo) a `dest`
 * must be https and its host must resolve only to public addresses — never loopback, private (RFC 1918, fc00::/7),
 * link-local (cloud metadata at 169.254.169.254), CGNAT, multicast or reserved ranges. The check runs when the
 * subscription is created and again as the connection is made (the socket's own DNS lookup is checked), so a name
 * that later resolves elsewhere (DNS rebinding) is refused too. Redirects are not followed.
 */

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const SIGNATURE_HEADER = 'GS1-Signature';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is one a webhook may not reach without EPCIS_WEBHOOK_ALLOW_PRIVATE. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d): judged as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  if (lower.startsWith('::ffff:')) return true;
  return blocked.check(lower, 'ipv6');
}

export class DestError extends Error {}

/** Checks `dest` as written: an absolute http(s) URL without credentials; https only unless private targets are allowed. */
export function checkDestSyntax(dest: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(dest);
  } catch {
    throw new DestError('须为绝对 URL / must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DestError('须为 http(s) URL / must be an http(s) URL');
  if (!allowPrivate && url.protocol !== 'https:') throw new DestError('须为 https URL / must be an https URL');
  if (url.username || url.password) throw new DestError('URL 中不能含用户名或密码 / must not carry a user name or password');
  if (url.hash) throw new DestError('不能含片段（#）/ must not carry a fragment');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Resolves the host of `dest` and refuses it when any address is private (unless allowed). */
export async function checkDest(dest: string, allowPrivate: boolean): Promise<URL> {
  const url = checkDestSyntax(dest, allowPrivate);
  if (allowPrivate) return url;
  const host = hostOf(url);
  let addresses: LookupAddress[];
  try {
    addresses = isIP(host)
      ? [{ address: host, family: isIP(host) }]
      : await new Promise((resolve, reject) => {
          dnsLookup(host, { all: true }, (err, found) => (err ? reject(err) : resolve(found)));
        });
  } catch {
    throw new DestError(`无法解析主机 ${host} / cannot resolve host ${host}`);
  }
  if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address)))
    throw new DestError(`主机 ${host} 指向内网、本机或保留地址 / host ${host} resolves to a loopback, private, link-local or reserved address`);
  return url;
}

/** A DNS lookup for the socket that refuses private addresses (the connection-time half of the SSRF check). */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, found) => {
    if (err) return callback(err, '', 4);
    const list = found as unknown as LookupAddress[]; // `all: true` answers a list
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad || list.length === 0) return callback(new Error(`${hostname} resolves to a non-public address`), '', 4);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list); // node asks for all when autoSelectFamily
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
};

/** GS1-Signature: HMAC-SHA256 of the exact body bytes, keyed by the subscription's signatureToken (UTF-8), lowercase hex. */
export function signBody(body: Buffer, token: string): string {
  return createHmac('sha256', token).update(body).digest('hex');
}

export type WebhookResult = { ok: true; status: number } | { ok: false; error: string };

/** POSTs one JSON body; any 2xx is success, anything else (status, timeout, network) a failure described in `error`. */
export function postWebhook(dest: string, body: Buffer, signatureToken: string | null, allowPrivate: boolean): Promise<WebhookResult> {
  let url: URL;
  try {
    url = checkDestSyntax(dest, allowPrivate);
  } catch (err) {
    return Promise.resolve({ ok: false, error: (err as Error).message });
  }
  const headers: Record<string, string | number> = {
    'content-type': 'application/ld+json',
    'content-length': body.length,
    'user-agent': 'zhiliang-epcis-subscriptions',
    'GS1-EPCIS-Version': '2.0.0',
    'GS1-CBV-Version': '2.0.0',
  };
  if (signatureToken) headers[SIGNATURE_HEADER] = signBody(body, signatureToken);
  const client = url.protocol === 'https:' ? https : http;
  const host = hostOf(url);
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) return Promise.resolve({ ok: false, error: `${host} is not a public address` });
  return new Promise((resolve) => {
    const req = client.request(url, { method: 'POST', headers, timeout: WEBHOOK_TIMEOUT_MS, ...(allowPrivate ? {} : { lookup: publicOnlyLookup }) }, (res) => {
      // The answer's body is not read beyond draining it.
      res.resume();
      const status = res.statusCode ?? 0;
      res.on('end', () => resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: `HTTP ${status}` }));
      res.on('error', (err) => resolve({ ok: false, error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)));
    req.on('error', (err) => resolve({ ok: false, error: err.message || 'network error' }));
    req.end(body);
  });
}
