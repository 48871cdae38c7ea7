import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

/** Tampering as someone with direct database access would do it: around the append-only trigger. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table platform_audit disable trigger platform_audit_no_update`.execute(trx);
    await statement.execute(trx);
    await sql`alter table platform_audit enable trigger platform_audit_no_update`.execute(trx);
  });
}

describe.each(DB_KINDS)('audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    // A few real writes so the chain has content beyond the seed.
    const created = await admin.post('/api/v1/users', {
      username: 'auditee',
      displayName: '审计对象',
      role: 'inspector',
      regionCode: '330521',
      password: 'Audit#2025x',
    });
    expect(created.statusCode).toBe(201);
    await admin.patch(`/api/v1/users/${created.json().id}`, { disabled: true });
  });
  afterEach(() => t.close());

  it('records who, when, from where and what, with before and after', async () => {
    const { items } = (await admin.get('/api/v1/audit?action=user.disable')).json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actorUsername: 'admin',
      actorRole: 'city_admin',
      ip: '127.0.0.1',
      action: 'user.disable',
      entityType: 'user',
      regionCode: '330521',
      before: { disabled: false, username: 'auditee' },
      after: { disabled: true, username: 'auditee' },
    });
    expect(items[0].requestId).toBeTruthy();
    expect(JSON.stringify(items)).not.toContain('argon2');
  });

  it('verifies an intact chain', async () => {
    const res = (await admin.get('/api/v1/audit/verify')).json();
    expect(res).toMatchObject({ ok: true, firstBroken: null });
    expect(res.checked).toBeGreaterThan(10);
    expect(res.headSeq).toBe(res.checked);
  });

  it('refuses UPDATE and DELETE on the table itself', async () => {
    await expect(sql`update platform_audit set action = 'x' where seq = 1`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from platform_audit where seq = 1`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('detects a changed row and names it', async () => {
    await tamper(t.database.db, sql`update platform_audit set after = '{"username":"someone-else"}' where seq = 3`);
    const res = (await admin.get('/api/v1/audit/verify')).json();
    expect(res.ok).toBe(false);
    expect(res.firstBroken.seq).toBe(3);
    expect(res.firstBroken.reason).toContain('changed');
  });

  it('detects a row whose stored hash was replaced', async () => {
    await tamper(t.database.db, sql`update platform_audit set actor_username = 'ghost', hash = repeat('a', 64) where seq = 4`);
    const verdict = await verifyAuditChain(t.database.db);
    expect(verdict.firstBroken?.seq).toBe(4);
  });

  it('detects a deleted row in the middle', async () => {
    await tamper(t.database.db, sql`delete from platform_audit where seq = 5`);
    const verdict = await verifyAuditChain(t.database.db);
    expect(verdict).toMatchObject({ ok: false, firstBroken: { seq: 5 } });
    expect(verdict.firstBroken?.reason).toContain('missing');
  });

  it('detects deleted newest rows through the chain head', async () => {
    const head = await t.database.db.selectFrom('platform_audit_head').select('seq').executeTakeFirstOrThrow();
    await tamper(t.database.db, sql`delete from platform_audit where seq = ${head.seq}`);
    const verdict = await verifyAuditChain(t.database.db);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken?.seq).toBe(head.seq);
  });

  it('detects an inserted row', async () => {
    await tamper(t.database.db, sql`update platform_audit set seq = seq + 1000 where seq >= 6`);
    await tamper(
      t.database.db,
      sql`insert into platform_audit (seq, occurred_at, action, entity_type, prev_hash, hash) select 6, now(), 'user.create', 'user', hash, repeat('b', 64) from platform_audit where seq = 5`,
    );
    const verdict = await verifyAuditChain(t.database.db);
    expect(verdict).toMatchObject({ ok: false, firstBroken: { seq: 6 } });
  });

  it('is readable by city_admin only', async () => {
    const county = await t.login('wuxing');
    expect((await county.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await county.get('/api/v1/audit/verify')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/audit')).statusCode).toBe(401);
  });

  it('filters by actor and Shanghai calendar day, newest first', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const res = (await admin.get(`/api/v1/audit?actor=admin&from=${today}&to=${today}&pageSize=5`)).json();
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((a: { actorUsername: string }) => a.actorUsername === 'admin')).toBe(true);
    const seqs = res.items.map((a: { seq: number }) => a.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const none = (await admin.get('/api/v1/audit?from=2020-01-01&to=2020-01-02')).json();
    expect(none.total).toBe(0);
  });
});
