import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describeLoginError } from './login-error';

const apiError = (init: Partial<ConstructorParameters<typeof ApiError>[0]>) =>
  new ApiError({ code: 'X', message: 'm', details: [], status: 400, requestId: null, ...init });

describe('login errors', () => {
  const t = (key: string, vars?: Record<string, string | number>) => `${key}:${JSON.stringify(vars ?? {})}`;

  it('adds remaining attempts to a wrong-password answer', () => {
    const error = apiError({ code: 'AUTH_INVALID_CREDENTIALS', status: 401, message: '用户名或密码错误 / Wrong', details: [{ remainingAttempts: 2 }] });
    expect(describeLoginError(error, t, 'zh')).toEqual({ message: '用户名或密码错误', hint: 'login.remaining:{"n":2}' });
  });

  it('rewrites the lock instant into local time', () => {
    const lockedUntil = '2025-03-01T02:30:00.000Z';
    const error = apiError({
      code: 'AUTH_ACCOUNT_LOCKED',
      status: 423,
      message: `账号已锁定，请于 ${lockedUntil} 后重试 / Locked until ${lockedUntil}`,
      details: [{ lockedUntil }],
    });
    const described = describeLoginError(error, t, 'zh');
    expect(described.message).not.toContain('T02:30');
    expect(described.message).toMatch(/^账号已锁定，请于 2025-03-01 \d\d:30 后重试$/);
  });

  it('passes other messages through', () => {
    expect(describeLoginError(apiError({ code: 'AUTH_ACCOUNT_DISABLED', status: 403, message: '账号已停用 / Disabled' }), t, 'en')).toEqual({
      message: 'Disabled',
      hint: null,
    });
  });
});
