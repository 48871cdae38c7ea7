import { type ApiError, isApiError } from '../api/client';
import { type Lang, pickLanguage, type Translate } from '../i18n';
import { shanghaiTime } from './time';

function detailValue(error: ApiError, key: string): unknown {
  return error.details.find((detail) => key in detail)?.[key];
}

/** The server's message, plus what the user can do about it (attempts left, when the lock ends). */
export function describeLoginError(error: unknown, t: Translate, lang: Lang): { message: string; hint: string | null } {
  if (!isApiError(error)) return { message: error instanceof Error ? error.message : String(error), hint: null };
  const message = pickLanguage(error.message, lang);
  const remaining = detailValue(error, 'remainingAttempts');
  if (error.code === 'AUTH_INVALID_CREDENTIALS' && typeof remaining === 'number') {
    return { message, hint: t('login.remaining', { n: remaining }) };
  }
  const lockedUntil = detailValue(error, 'lockedUntil');
  if (error.code === 'AUTH_ACCOUNT_LOCKED' && typeof lockedUntil === 'string') {
    // The server writes the instant in UTC ISO form; the user reads it in Huzhou time (Asia/Shanghai).
    const time = shanghaiTime(lockedUntil);
    if (message.includes(lockedUntil)) return { message: message.replace(lockedUntil, time), hint: null };
    return { message, hint: t('login.lockedUntil', { time }) };
  }
  return { message, hint: null };
}
