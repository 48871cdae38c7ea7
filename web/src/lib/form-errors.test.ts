import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { pickLanguage } from '../i18n';
import { fieldErrorsFrom, normaliseField } from './form-errors';

const apiError = (init: Partial<ConstructorParameters<typeof ApiError>[0]>) =>
  new ApiError({ code: 'X', message: 'm', details: [], status: 400, requestId: null, ...init });

describe('form errors', () => {
  it('maps server field paths onto form fields and skips unknown fields', () => {
    expect(normaliseField('body.password')).toBe('password');
    expect(normaliseField('/password')).toBe('password');
    const error = apiError({
      details: [
        { field: 'body.username', rule: 'unique', message: '已被使用 / is taken' },
        { field: 'body.password', rule: 'length', message: 'short' },
        { field: 'body.password', rule: 'complexity', message: 'simple' },
        { field: 'body.other', rule: 'x', message: 'ignored' },
        { remainingAttempts: 2 },
      ],
    });
    expect(fieldErrorsFrom(error, ['username', 'password'] as const, (text) => pickLanguage(text, 'zh'))).toEqual([
      { name: 'username', errors: ['已被使用'] },
      { name: 'password', errors: ['short', 'simple'] },
    ]);
    expect(fieldErrorsFrom(apiError({}), ['username'] as const)).toEqual([]);
  });
});
