import { ApiError, isApiError } from '../../../api/client';

/**
 * A 400 from the trace API says what was wrong in its details ("追溯码无效：… / invalid code") while its
 * message only names the field: show the first detail's message instead.
 */
export function withDetail(error: unknown): unknown {
  if (!isApiError(error)) return error;
  const detail = error.details.find((d) => typeof d.message === 'string' && d.message !== '')?.message;
  if (!detail) return error;
  return new ApiError({ code: error.code, message: detail, details: error.details, status: error.status, requestId: error.requestId });
}
