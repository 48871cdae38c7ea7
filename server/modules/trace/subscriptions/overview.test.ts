import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test-support/app.ts';
import { DB_KINDS } from '../../../test-support/db.ts';
import { loginTeaCoop } from '../test-enterprises.ts';
import { STEP } from './test-support.ts';

/** GET /api/v1/trace/subscriptions: the 数据订阅 page's list — each account its own subscriptions, the city all, with owners. */

describe.each(DB_KINDS)('webhook subscriptions overview on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let food: Client;
  let tea: Client;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    food = await t.login('enterprise1');
    tea = await loginTeaCoop(t, admin);
    expect((await admin.post('/epcis/queries', { name: 'overview', query: { EQ_bizStep: [STEP] } })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('lists each account its own subscriptions across queries, and the city every one with its owner', async () => {
    const foodSub = await food.post('/epcis/queries/overview/subscriptions', { dest: 'https://erp.example.com/hook', stream: true, signatureToken: 's3cret' });
    expect(foodSub.statusCode, foodSub.body).toBe(201);
    const teaSub = await tea.post('/epcis/queries/overview/subscriptions', { dest: 'https://tea.example.com/hook', schedule: { hour: '1', minute: '5' } });
    expect(teaSub.statusCode, teaSub.body).toBe(201);

    const mine = await food.get('/api/v1/trace/subscriptions');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().total).toBe(1);
    expect(mine.json().items[0]).toMatchObject({
      subscriptionID: foodSub.json().subscriptionID,
      queryName: 'overview',
      dest: 'https://erp.example.com/hook',
      stream: true,
      signed: true,
      failedAttempts: 0,
      owner: { username: 'enterprise1' },
    });
    expect(mine.body).not.toContain('s3cret');

    const all = (await admin.get('/api/v1/trace/subscriptions?pageSize=1')).json();
    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({
      subscriptionID: teaSub.json().subscriptionID,
      schedule: { hour: '1', minute: '5' },
      signed: false,
      owner: { username: 'tea_coop' },
    });
    expect(all.items[0].nextRunAt).toMatch(/T17:05:00/); // 01:05 Shanghai
    const second = (await admin.get('/api/v1/trace/subscriptions?pageSize=1&page=2')).json();
    expect(second.items[0].subscriptionID).toBe(foodSub.json().subscriptionID);

    const county = await t.login('wuxing');
    expect((await county.get('/api/v1/trace/subscriptions')).json().total).toBe(0);
    expect((await t.anonymous.get('/api/v1/trace/subscriptions')).statusCode).toBe(401);
    expect((await (await t.login('inspector1')).get('/api/v1/trace/subscriptions')).statusCode).toBe(403);
    expect((await food.get('/api/v1/trace/subscriptions?pageSize=1000')).statusCode).toBe(400);
  });
});
