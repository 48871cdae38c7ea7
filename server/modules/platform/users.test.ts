import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

interface UserJson {
  id: string;
  username: string;
  regionCode: string;
  status: string;
}

describe.each(DB_KINDS)('users and region scope on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let anji: Client;
  let wuxingInspectorId: string;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    anji = await t.login('anji');
    const all = (await admin.get('/api/v1/users?pageSize=200')).json();
    wuxingInspectorId = all.items.find((u: UserJson) => u.username === 'inspector1').id;
  });
  afterAll(() => t.close());

  it('city_admin lists every account', async () => {
    const res = (await admin.get('/api/v1/users?pageSize=200')).json();
    expect(res.items.map((u: UserJson) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'wuxing', 'nanxun', 'deqing', 'changxing', 'anji', 'inspector1', 'enterprise1']),
    );
    expect(res.items[0]).not.toHaveProperty('passwordHash');
  });

  it('says per account whether the caller may manage it', async () => {
    const all = (await admin.get('/api/v1/users?pageSize=200')).json().items as (UserJson & { canManage: boolean })[];
    const flags = Object.fromEntries(all.map((u) => [u.username, u.canManage]));
    expect(flags).toMatchObject({ admin: false, wuxing: true, inspector1: true });
    const wuxing = await t.login('wuxing');
    const own = (await wuxing.get('/api/v1/users?pageSize=200')).json().items as (UserJson & { canManage: boolean })[];
    expect(Object.fromEntries(own.map((u) => [u.username, u.canManage]))).toEqual({ wuxing: false, inspector1: true, enterprise1: true });
  });

  it('a county officer sees only its own subtree', async () => {
    const res = (await anji.get('/api/v1/users?pageSize=200')).json();
    expect(res.items.map((u: UserJson) => u.username)).toEqual(['anji']);
    const wuxing = await t.login('wuxing');
    const w = (await wuxing.get('/api/v1/users?pageSize=200')).json();
    expect(w.items.map((u: UserJson) => u.username).sort()).toEqual(['enterprise1', 'inspector1', 'wuxing']);
  });

  it("gets 404 for another county's user, by id and by region filter", async () => {
    const byId = await anji.get(`/api/v1/users/${wuxingInspectorId}`);
    expect(byId.statusCode).toBe(404);
    expect(byId.json().error.code).toBe('NOT_FOUND');
    expect((await anji.get('/api/v1/users?regionCode=330502')).statusCode).toBe(404);
    expect((await anji.get('/api/v1/dashboard/summary?regionCode=330502')).statusCode).toBe(404);
  });

  it("cannot change another county's user, and nothing changes", async () => {
    const res = await anji.patch(`/api/v1/users/${wuxingInspectorId}`, { disabled: true });
    expect(res.statusCode).toBe(404);
    const still = (await admin.get(`/api/v1/users/${wuxingInspectorId}`)).json();
    expect(still.status).toBe('active');
  });

  it('a county officer creates inspectors in its county, but not elsewhere and not officers', async () => {
    const ok = await anji.post('/api/v1/users', {
      username: 'anji_insp',
      displayName: '安吉检查员',
      role: 'inspector',
      regionCode: '330523001',
      password: 'Inspect#2025',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ username: 'anji_insp', regionName: '递铺街道', status: 'active', mustChangePassword: true });
    const elsewhere = await anji.post('/api/v1/users', {
      username: 'sneaky',
      displayName: 'x',
      role: 'inspector',
      regionCode: '330502',
      password: 'Inspect#2025',
    });
    expect(elsewhere.statusCode).toBe(404);
    const officer = await anji.post('/api/v1/users', {
      username: 'boss2',
      displayName: 'x',
      role: 'county_officer',
      regionCode: '330523',
      password: 'Inspect#2025',
    });
    expect(officer.statusCode).toBe(403);
    const total = (await admin.get('/api/v1/users?q=sneaky')).json().total + (await admin.get('/api/v1/users?q=boss2')).json().total;
    expect(total).toBe(0);
  });

  it('inspectors and enterprises cannot administer users', async () => {
    const inspector = await t.login('inspector1');
    expect((await inspector.get('/api/v1/users')).statusCode).toBe(403);
    const enterprise = await t.login('enterprise1');
    expect((await enterprise.get('/api/v1/users')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/users')).statusCode).toBe(401);
  });

  it('validates new accounts: duplicate name, weak password, role/region level, credit code', async () => {
    const dup = await admin.post('/api/v1/users', { username: 'Admin', displayName: 'x', role: 'inspector', regionCode: '330502', password: 'Strong#Pass1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USER_USERNAME_TAKEN');
    const bad = await admin.post('/api/v1/users', {
      username: 'newofficer',
      displayName: 'x',
      role: 'county_officer',
      regionCode: '330502001',
      password: 'weakpass',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`)
        .sort(),
    ).toEqual(['body.password:complexity', 'body.regionCode:role_level']);
    const code = await admin.post('/api/v1/users', {
      username: 'ent2',
      displayName: 'x',
      role: 'enterprise',
      regionCode: '330502',
      password: 'Strong#Pass1',
      enterpriseName: '某公司',
      enterpriseCreditCode: '91330502MA2B3C4D50',
    });
    expect(code.statusCode).toBe(400);
    expect(code.json().error.details[0]).toMatchObject({ field: 'body.enterpriseCreditCode', rule: 'check_char' });
    expect(code.json().error.details[0].message).toContain('8');
  });

  it('disabling ends the sessions of that user; a new account must change its password', async () => {
    const created = await admin.post('/api/v1/users', {
      username: 'temp_user',
      displayName: '临时',
      role: 'inspector',
      regionCode: '330503',
      password: 'Temp#Pass2025',
    });
    const id = created.json().id;
    const c = await t.login('temp_user', 'Temp#Pass2025');
    expect((await c.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/v1/dashboard/summary');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    expect((await admin.patch(`/api/v1/users/${id}`, { disabled: true })).json().status).toBe('disabled');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.anonymous.post('/api/v1/auth/login', { username: 'temp_user', password: 'Temp#Pass2025' });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  it('a new account can do nothing but change its password, then works normally', async () => {
    await admin.post('/api/v1/users', {
      username: 'fresh_officer',
      displayName: '新人',
      role: 'county_officer',
      regionCode: '330521',
      password: 'Fresh#Pass2025',
    });
    const c = await t.login('fresh_officer', 'Fresh#Pass2025');
    expect((await c.get('/api/v1/users')).json().error.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'Fresh#Pass2025', newPassword: 'Changed#Pass2025' })).statusCode).toBe(204);
    const after = await c.get('/api/v1/users');
    expect(after.statusCode).toBe(200);
    expect(after.json().items.map((u: UserJson) => u.username)).toContain('deqing');
  });

  it('an admin cannot disable itself', async () => {
    const me = (await admin.get('/api/v1/auth/me')).json().user;
    const res = await admin.patch(`/api/v1/users/${me.id}`, { disabled: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('USER_CANNOT_DISABLE_SELF');
  });

  it('dashboard figures come from the database and follow the chosen region', async () => {
    const city = (await admin.get('/api/v1/dashboard/summary')).json();
    expect(city.counts.regions).toEqual({ county: 5, township: 72 });
    expect(city.counts.users.total).toBeGreaterThanOrEqual(8);
    expect(city.counts.loginsToday).toBeGreaterThan(0);
    expect(city.auditByDay).toHaveLength(14);
    expect(city.usersByRegion.map((r: { regionName: string }) => r.regionName)).toEqual(['湖州市', '吴兴区', '南浔区', '德清县', '长兴县', '安吉县']);
    const wuxing = (await admin.get('/api/v1/dashboard/summary?regionCode=330502')).json();
    expect(wuxing).toMatchObject({ regionName: '吴兴区', counts: { regions: { county: 1, township: 19 } } });
    expect(wuxing.counts.users.total).toBe(3);
    const anjiView = (await anji.get('/api/v1/dashboard/summary')).json();
    expect(anjiView.regionName).toBe('安吉县');
    expect(anjiView.counts.regions.township).toBe(15);
  });
});
