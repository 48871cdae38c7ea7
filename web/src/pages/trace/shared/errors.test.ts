import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { withDetail } from './errors';

describe('withDetail', () => {
  it('puts the first detail message of an API error in its place, keeping the request ID', () => {
    const error = new ApiError({
      code: 'VALIDATION_FAILED',
      message: '输入有误：query.code / invalid input',
      details: [{ field: 'query.code', rule: 'gs1', message: '追溯码无效：(01) check digit / invalid code' }],
      status: 400,
      requestId: 'r1',
    });
    const shown = withDetail(error);
    expect(shown).toBeInstanceOf(ApiError);
    expect(shown).toMatchObject({ message: '追溯码无效：(01) check digit / invalid code', requestId: 'r1', status: 400 });
  });

  it('leaves other errors alone', () => {
    const plain = new Error('x');
    expect(withDetail(plain)).toBe(plain);
    const bare = new ApiError({ code: 'HTTP_500', message: 'm', details: [], status: 500, requestId: null });
    expect(withDetail(bare)).toBe(bare);
  });
});
