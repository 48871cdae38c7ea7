import path from 'node:path';
import { companyPrefixProblem, DEMO_PLATFORM_COMPANY_PREFIX } from '../../common/gs1/platform-code.ts';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  demo: boolean;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** login attempts per client address per minute (brute-force limit) */
  loginPerMinute: number;
  /** Set behind a TLS-terminating proxy so the session cookie gets `Secure`. */
  secureCookies: boolean;
  trustProxy: boolean;
  /** Origin the platform's codes and consumer pages live under (QR codes encode Digital Links on it). */
  publicBaseUrl: string;
  /**
   * The platform's own GS1 Company Prefix, under which it allocates GTINs for products whose owner has none. Unset:
   * the GS1 demonstration prefix 9520000 — production must set the bureau's real prefix from GS1 China.
   */
  platformGs1CompanyPrefix: string;
  /**
   * EPCIS webhook subscriptions may deliver over plain http and to loopback, private and link-local addresses. Off in
   * production (NODE_ENV=production): then `dest` must be https on a public address (no SSRF into the bureau's
   * network); on elsewhere, so tests and the demo can use 127.0.0.1.
   */
  epcisWebhookAllowPrivate: boolean;
}

export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:8080';

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${raw}"`);
}

/**
 * PUBLIC_BASE_URL: the http(s) origin (no path, query or fragment) printed in QR codes: every code the platform
 * issues is a GS1 Digital Link on it (`<origin>/01/<gtin14>/10/<lot>`).
 */
export function readPublicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.PUBLIC_BASE_URL?.trim() || DEFAULT_PUBLIC_BASE_URL;
  const bare = raw.replace(/\/+$/, '');
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(bare)) {
    throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) origin without path, e.g. https://trace.example.gov.cn, got "${raw}"`);
  }
  return bare.toLowerCase();
}

/**
 * PLATFORM_GS1_COMPANY_PREFIX: the GS1 Company Prefix the bureau holds from GS1 China (中国物品编码中心), 6–12 digits
 * starting 690–699, under which the platform allocates GTINs for products whose owner has no prefix
 * (common/gs1/platform-code.ts). Unset, it is DEMO_PLATFORM_COMPANY_PREFIX (GS1 Prefix 952, reserved by GS1 for
 * demonstrations): fine for demos and tests, never for production — codes under it are shown as 演示.
 */
export function readPlatformCompanyPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.PLATFORM_GS1_COMPANY_PREFIX?.trim() || DEMO_PLATFORM_COMPANY_PREFIX;
  const problem = companyPrefixProblem(prefix);
  if (problem) throw new ConfigError(`PLATFORM_GS1_COMPANY_PREFIX: ${problem}`);
  return prefix;
}

/** Parses and checks the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`);
  }
  return {
    port: intVar(env, 'PORT', 8080, 0, 65535),
    host,
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    demo: boolVar(env, 'ZHILIANG_DEMO', true),
    logLevel,
    sessionIdleMinutes: intVar(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: intVar(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 7),
    loginPerMinute: intVar(env, 'LOGIN_RATE_PER_MINUTE', 10, 1, 10_000),
    secureCookies: boolVar(env, 'SECURE_COOKIES', false),
    trustProxy: boolVar(env, 'TRUST_PROXY', false),
    publicBaseUrl: readPublicBaseUrl(env),
    platformGs1CompanyPrefix: readPlatformCompanyPrefix(env),
    epcisWebhookAllowPrivate: boolVar(env, 'EPCIS_WEBHOOK_ALLOW_PRIVATE', env.NODE_ENV !== 'production'),
  };
}
