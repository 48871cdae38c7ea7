import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';
import { MAX_FAILED_ATTEMPTS } from './auth-service.ts';

describe.each(DB_KINDS)('authentication on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(() => t.close());

  it('logs in with an httpOnly SameSite=Strict cookie and reports the user', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { username: 'admin', password: 'Zhiliang@2025' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'zl_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.json().user).toMatchObject({ username: 'admin', role: 'city_admin', regionCode: '330500', regionName: '湖州市', demo: true });
    expect(res.body).not.toContain('password');
    const me = await t.anonymous.request({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `zl_sid=${cookie?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().session.idleTimeoutSeconds).toBe(30 * 60);
  });

  it('is case-insensitive on the username', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { username: 'ADMIN', password: 'Zhiliang@2025' });
    expect(res.statusCode).toBe(200);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await t.anonymous.post('/api/v1/auth/login', { username: 'nobody', password: 'Zhiliang@2025' });
    const wrong = await t.anonymous.post('/api/v1/auth/login', { username: 'nanxun', password: 'Wrong@2025' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it(`locks the account after ${MAX_FAILED_ATTEMPTS} failures, refuses even the right password, and an admin unlocks it`, async () => {
    let last = null;
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) last = await t.anonymous.post('/api/v1/auth/login', { username: 'deqing', password: `Wrong@${i}abc` });
    expect(last?.statusCode).toBe(423);
    expect(last?.json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
    const right = await t.anonymous.post('/api/v1/auth/login', { username: 'deqing', password: 'Zhiliang@2025' });
    expect(right.statusCode).toBe(423);

    const admin = await t.login('admin');
    const list = (await admin.get('/api/v1/users?q=deqing')).json();
    const deqing = list.items.find((u: { username: string }) => u.username === 'deqing');
    expect(deqing.status).toBe('locked');
    const unlocked = await admin.patch(`/api/v1/users/${deqing.id}`, { unlock: true });
    expect(unlocked.json().status).toBe('active');
    expect((await t.anonymous.post('/api/v1/auth/login', { username: 'deqing', password: 'Zhiliang@2025' })).statusCode).toBe(200);

    const audit = (await admin.get(`/api/v1/audit?entityId=${deqing.id}&pageSize=50`)).json();
    const actions = audit.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.account_locked', 'auth.login_refused', 'user.unlock', 'auth.login']));
  });

  it('counts down remaining attempts', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { username: 'changxing', password: 'Wrong@2025' });
    expect(res.json().error.details).toEqual([{ remainingAttempts: MAX_FAILED_ATTEMPTS - 1 }]);
  });

  it('logs out: the cookie stops working', async () => {
    const c = await t.login('nanxun');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await c.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('ends a session after the idle timeout', async () => {
    const c = await t.login('wuxing');
    await t.database.db
      .updateTable('platform_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .execute();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a state-changing request with a session cookie but without the client header (CSRF)', async () => {
    const c = await t.login('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: c.cookie ?? '' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    const crossSite = await c.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('enforces the password policy on change, and the new password works', async () => {
    const c = await t.login('anji');
    const weak = await c.post('/api/v1/auth/password', { currentPassword: 'Zhiliang@2025', newPassword: 'anji1234' });
    expect(weak.statusCode).toBe(400);
    const rules = weak
      .json()
      .error.details.map((d: { rule: string }) => d.rule)
      .sort();
    expect(rules).toEqual(['complexity', 'not_username']);
    const wrongCurrent = await c.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'Better#Pass9' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'Zhiliang@2025', newPassword: 'Better#Pass9' })).statusCode).toBe(204);
    expect((await t.anonymous.post('/api/v1/auth/login', { username: 'anji', password: 'Better#Pass9' })).statusCode).toBe(200);
  });

  it('rate-limits login attempts per client', async () => {
    const limited = await buildTestApp(kind, { loginPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.anonymous.post('/api/v1/auth/login', { username: 'x', password: 'y' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
