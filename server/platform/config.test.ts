import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: null, demo: true, sessionIdleMinutes: 30 });
    expect(c.dataDir).toMatch(/data$/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ZHILIANG_DEMO: 'yes' }, 'ZHILIANG_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('stops on %o with a line naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name} `));
  });

  it('allows private webhook targets by default except in production (EPCIS_WEBHOOK_ALLOW_PRIVATE)', () => {
    expect(loadConfig({}).epcisWebhookAllowPrivate).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).epcisWebhookAllowPrivate).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EPCIS_WEBHOOK_ALLOW_PRIVATE: '1' }).epcisWebhookAllowPrivate).toBe(true);
    expect(loadConfig({ EPCIS_WEBHOOK_ALLOW_PRIVATE: '0' }).epcisWebhookAllowPrivate).toBe(false);
    expect(() => loadConfig({ EPCIS_WEBHOOK_ALLOW_PRIVATE: 'maybe' })).toThrow(/^EPCIS_WEBHOOK_ALLOW_PRIVATE /);
  });

  it('reads PostgreSQL and demo settings', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', ZHILIANG_DEMO: '0' })).toMatchObject({ databaseUrl: 'postgres://u@h/db', demo: false });
  });
});
