import { createContext, useContext } from 'react';
import type { MeResponse } from './api/platform-types';

/** The signed-in user, provided by AuthGate once GET /auth/me has answered. */
export const SessionContext = createContext<MeResponse | null>(null);

export function useSession(): MeResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside AuthGate');
  return session;
}

export const useMeUser = () => useSession().user;

const LOGIN_PATH = '/login';

/** Only same-app paths may be returned to after login (no open redirect, no loop back to /login). */
export function safeReturnPath(from: unknown): string {
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return '/';
  if (from === LOGIN_PATH || from.startsWith(`${LOGIN_PATH}?`)) return '/';
  return from;
}
