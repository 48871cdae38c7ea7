import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../platform/db.ts';
import { ROOT_DIR } from '../../platform/version.ts';

const BIN = path.join(ROOT_DIR, 'bin', 'zhiliang.js');

describe('zhiliang draw verify <taskId> (record read from the database)', () => {
  let dataDir: string;
  let taskId: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ZHILIANG_DEMO: '0' },
      encoding: 'utf8',
      timeout: 120_000,
    });
  /** The embedded database is single-process: open it only while the CLI is not running. */
  async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openPglite>>['db']) => Promise<T>): Promise<T> {
    const handle = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    try {
      return await fn(handle.db);
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-draw-task-'));
    const seeded = run('seed', '--demo');
    expect(seeded.status, seeded.stderr).toBe(0);
    taskId = await withDb(async (db) => {
      const row = await db.selectFrom('inspection_task').select('id').where('status', '=', 'published').where('kind', '=', 'random').executeTakeFirstOrThrow();
      return row.id;
    });
  }, 180_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints 一致 / consistent for the stored record of a drawn task and exits 0', () => {
    const r = run('draw', 'verify', taskId);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^一致 \/ consistent — \d+ targets, 1 redraws, commitment [0-9a-f]{64}, poolHash [0-9a-f]{64}\n$/);
    expect(JSON.parse(run('draw', 'verify', taskId, '--json').stdout)).toEqual({ consistent: true, firstDifference: null });
  });

  it('exits 1 naming the first difference when the stored record was tampered with, and 2 for an unknown task', async () => {
    const seed = await withDb(async (db) => {
      const row = await db.selectFrom('inspection_task').select('seed').where('id', '=', taskId).executeTakeFirstOrThrow();
      const other = `${row.seed?.slice(0, 63)}${row.seed?.endsWith('0') ? '1' : '0'}`;
      await db.updateTable('inspection_task').set({ seed: other }).where('id', '=', taskId).execute();
      return row.seed;
    });
    const r = run('draw', 'verify', taskId);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^不一致 \/ INCONSISTENT — first difference at commitment: expected [0-9a-f]{64}, published [0-9a-f]{64}\n$/);

    await withDb(async (db) => {
      await db.updateTable('inspection_task').set({ seed }).where('id', '=', taskId).execute();
      // A redraw log entry that names another replacement than the redraw stream gives.
      const redraw = await db
        .selectFrom('inspection_recusal')
        .select(['id', 'replacement_id', 'inspector_id'])
        .where('task_id', '=', taskId)
        .executeTakeFirstOrThrow();
      const other = await db
        .selectFrom('inspection_inspector')
        .select('id')
        .where('id', 'not in', [redraw.replacement_id ?? '', redraw.inspector_id])
        .executeTakeFirstOrThrow();
      await db.updateTable('inspection_recusal').set({ replacement_id: other.id }).where('id', '=', redraw.id).execute();
    });
    const forged = run('draw', 'verify', taskId);
    expect(forged.status).toBe(1);
    expect(forged.stdout).toContain('first difference at redraws[0].replacementId');

    const unknown = run('draw', 'verify', '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no drawn random-inspection task');
  });
});
