import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawInspection } from '../common/draw/index.ts';
import { KAT_INPUT } from '../common/draw/test-pools.ts';
import { openPglite } from './platform/db.ts';
import { ROOT_DIR } from './platform/version.ts';

const BIN = path.join(ROOT_DIR, 'bin', 'zhiliang.js');

describe('zhiliang CLI (embedded database)', () => {
  let dataDir: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ZHILIANG_DEMO: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('has --help on every command', () => {
    for (const cmd of [[], ['serve'], ['migrate'], ['seed'], ['user', 'add'], ['audit', 'verify']]) {
      const r = run(...cmd, '--help');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('Usage: zhiliang');
    }
  });

  it('migrates, creates the first administrator, verifies the audit chain and detects tampering', async () => {
    expect(run('migrate').stderr).toContain('applied: 0001_platform');
    const add = run('user', 'add', '--username', 'chief', '--role', 'city_admin', '--region', '330500', '--display-name', '局长');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^initial password: \S{12,}/);
    const bad = run('user', 'add', '--username', 'x1', '--role', 'county_officer', '--region', '330500', '--password', 'weak');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('body.password');
    const ok = run('audit', 'verify');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('audit chain intact: 1 rows');

    const handle = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    await handle.db.transaction().execute(async (trx) => {
      await sql`alter table platform_audit disable trigger platform_audit_no_update`.execute(trx);
      await sql`update platform_audit set actor_username = 'someone' where seq = 1`.execute(trx);
    });
    await handle.close();
    const broken = run('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('BROKEN at row 1');
  });

  it('stops with one line naming a bad variable', () => {
    const r = spawnSync(process.execPath, [BIN, 'migrate'], { env: { ...process.env, DATABASE_URL: 'mysql://nope' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('zhiliang: configuration error: DATABASE_URL must start with postgres:// or postgresql://');
  });
});

describe('zhiliang draw verify <file>', () => {
  let dir: string;
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'draw', 'verify', ...args], { encoding: 'utf8', timeout: 60_000 });
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return file;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-draw-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints 一致 / consistent for a published draw and exits 0', () => {
    const published = drawInspection(KAT_INPUT);
    const r = run(write('draw.json', published));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`一致 / consistent — 8 targets, 0 redraws, commitment ${published.commitment}, poolHash ${published.poolHash}\n`);
    const json = run(write('draw.json', published), '--json');
    expect(JSON.parse(json.stdout)).toEqual({ consistent: true, firstDifference: null });
  });

  it('prints the first difference and exits 1 when a record was altered', () => {
    const published = drawInspection(KAT_INPUT);
    const altered = { ...published, targets: published.targets.map((t, i) => (i === 2 ? { ...t, inspectors: ['INS-01', 'INS-05'] } : t)) };
    const r = run(write('altered.json', altered));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('不一致 / INCONSISTENT — first difference at targets[2].inspectors[1]: expected INS-07, published INS-05\n');
  });

  it('exits 2 with one line when the file is missing or not JSON', () => {
    const missing = run(path.join(dir, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^zhiliang: cannot read .*nope\.json as JSON/);
    expect(run(write('bad.json', '{not json')).status).toBe(2);
  });

  it('has --help', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: zhiliang draw verify [options] <file>');
  });
});

describe('zhiliang credit recompute', () => {
  let dataDir: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ZHILIANG_DEMO: '0' },
      encoding: 'utf8',
      timeout: 120_000,
    });
  const month = (offset: number) => {
    const d = new Date();
    d.setUTCDate(15);
    d.setUTCMonth(d.getUTCMonth() + offset);
    return d.toISOString().slice(0, 7);
  };

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-credit-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('classes the demo entities for a month, idempotently, and writes one run and one audit row each time', async () => {
    expect(run('seed', '--demo').status).toBe(0);
    const period = month(-1);
    const first = run('credit', 'recompute', '--period', period);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`credit classes ${period} \\(as of ${period}-\\d\\d, model v1\\): \\d+ entities — A \\d+, B \\d+, C \\d+, D \\d+`));
    const again = run('credit', 'recompute', '--period', period, '--region', '330502');
    expect(again.status, again.stderr).toBe(0);
    const handle = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    const runs = await handle.db
      .selectFrom('entity_credit_run')
      .select(['period', 'region_path', 'run_by'])
      .where('period', '=', period)
      .orderBy('id')
      .execute();
    const audits = await handle.db
      .selectFrom('platform_audit')
      .select('actor_username')
      .where('action', '=', 'entity.credit.recompute')
      .where('entity_id', '=', period)
      .execute();
    await handle.close();
    expect(runs).toEqual([
      { period, region_path: null, run_by: 'system:cli' },
      { period, region_path: '/330500/330502/', run_by: 'system:cli' },
    ]);
    expect(audits.map((a) => a.actor_username)).toEqual(['system:cli', 'system:cli']);
  });

  it('refuses a malformed or future period and an unknown region with one line and exit 1', () => {
    const bad = run('credit', 'recompute', '--period', '2026-13');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('body.period');
    const future = run('credit', 'recompute', '--period', month(2));
    expect(future.status).toBe(1);
    expect(future.stderr).toContain('尚未开始');
    expect(run('credit', 'recompute', '--region', '999999').status).toBe(1);
  });

  it("has --help that names the server's monthly job", () => {
    const r = run('credit', 'recompute', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: zhiliang credit recompute [options]');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('The server runs it itself on the 1st of each month at 02:00 Asia/Shanghai (job credit.monthly_recompute)');
  });
});
