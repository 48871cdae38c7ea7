import { expect } from 'vitest';
import type { Client, TestApp } from '../../test-support/app.ts';

/** How many events are stored: "nothing of it is stored" is checked as this count, unchanged. */
export async function storedEventCount(t: TestApp): Promise<number> {
  const row = await t.database.db
    .selectFrom('trace_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A second enterprise for the trace tests: the 安吉 tea cooperative, which owns the demo supply chain's farm. */
export const TEA_COOP = '93330523MA2C0D1E2Q';

/** Creates the tea cooperative's account (as the city) and returns it logged in, its first password changed. */
export async function loginTeaCoop(t: TestApp, admin: Client): Promise<Client> {
  const created = await admin.post('/api/v1/users', {
    username: 'tea_coop',
    displayName: '安吉合作社',
    role: 'enterprise',
    regionCode: '330523',
    password: 'Tea#Coop2025',
    enterpriseName: '安吉示范茶叶合作社（演示）',
    enterpriseCreditCode: TEA_COOP,
  });
  expect(created.statusCode, created.body).toBe(201);
  const tea = await t.login('tea_coop', 'Tea#Coop2025');
  expect((await tea.post('/api/v1/auth/password', { currentPassword: 'Tea#Coop2025', newPassword: 'Tea#Coop2026' })).statusCode).toBeLessThan(300);
  return tea;
}
