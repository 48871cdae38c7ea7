import type { ReactNode } from 'react';
import { type Capability, can } from '../lib/access';
import Forbidden from '../pages/platform/Forbidden';
import { useMeUser } from '../session';

/** Shows the page only to roles that hold the capability; others get 403 at the same address. */
export function RequireRole({ capability, page }: { capability: Capability; page: ReactNode }) {
  const me = useMeUser();
  return can(me.role, capability) ? page : <Forbidden />;
}
