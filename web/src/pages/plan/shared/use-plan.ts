/** The plan and year the plan pages look at: remembered for the browser tab, so moving between pages keeps them. */
import { useCallback, useState } from 'react';
import { type Plan, usePlans } from '../../../api/plan';
import { defaultYear, pickPlan } from './format';

const PLAN_KEY = 'zl.plan.id';
const YEAR_KEY = 'zl.plan.year';

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Storage may be refused (private mode); the choice then lasts for this page only.
  }
}

export interface PlanSelection {
  plans: ReturnType<typeof usePlans>;
  plan: Plan | undefined;
  year: number;
  setPlanId: (id: string) => void;
  setYear: (year: number) => void;
}

export function usePlanSelection(): PlanSelection {
  const plans = usePlans();
  const [planId, setPlanIdState] = useState<string | null>(() => read(PLAN_KEY));
  const [storedYear, setYearState] = useState<number | null>(() => {
    const raw = Number(read(YEAR_KEY));
    return Number.isInteger(raw) && raw > 0 ? raw : null;
  });
  const plan = plans.data ? pickPlan(plans.data, planId) : undefined;
  const inPlan = plan && storedYear !== null && storedYear >= plan.startYear && storedYear <= plan.endYear;
  const year = plan ? (inPlan ? (storedYear ?? defaultYear(plan)) : defaultYear(plan)) : new Date().getFullYear() - 1;

  const setPlanId = useCallback((id: string) => {
    setPlanIdState(id);
    write(PLAN_KEY, id);
  }, []);
  const setYear = useCallback((next: number) => {
    setYearState(next);
    write(YEAR_KEY, String(next));
  }, []);
  return { plans, plan, year, setPlanId, setYear };
}
