import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useRegions } from './api/platform';
import type { Me, RegionNode } from './api/platform-types';
import { canSwitchRegion } from './lib/access';
import { findRegion } from './lib/regions';

interface RegionState {
  /** The region scoped queries are asked for (`regionCode`). */
  regionCode: string;
  regionName: string;
  canSwitch: boolean;
  setRegionCode: (code: string) => void;
  /** The full region tree, once loaded. */
  tree: RegionNode[] | undefined;
}

const RegionContext = createContext<RegionState | null>(null);

const storageKey = (userId: string) => `zl.region.${userId}`;

function readStored(userId: string): string | null {
  try {
    return localStorage.getItem(storageKey(userId));
  } catch {
    return null;
  }
}

function writeStored(userId: string, code: string): void {
  try {
    localStorage.setItem(storageKey(userId), code);
  } catch {
    // Storage may be refused (private mode); the choice then lasts for this page only.
  }
}

export function RegionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const { data: tree } = useRegions();
  const canSwitch = canSwitchRegion(me.role);
  const [chosen, setChosen] = useState<string | null>(() => (canSwitch ? readStored(me.id) : null));

  const known = chosen !== null && (tree === undefined || findRegion(tree, chosen) !== null);
  const regionCode = canSwitch && known ? chosen : me.regionCode;
  const node = tree ? findRegion(tree, regionCode) : null;
  const regionName = node?.name ?? (regionCode === me.regionCode ? me.regionName : regionCode);

  const setRegionCode = useCallback(
    (code: string) => {
      if (!canSwitch) return;
      setChosen(code);
      writeStored(me.id, code);
    },
    [canSwitch, me.id],
  );

  const value = useMemo(() => ({ regionCode, regionName, canSwitch, setRegionCode, tree }), [regionCode, regionName, canSwitch, setRegionCode, tree]);
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

export function useRegion(): RegionState {
  const state = useContext(RegionContext);
  if (!state) throw new Error('useRegion() used outside RegionProvider');
  return state;
}
