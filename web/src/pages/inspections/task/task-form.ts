import dayjs, { type Dayjs } from 'dayjs';
import { DEFAULT_DRAW_PARAMS, RISK_CLASSES, type RiskClass } from '../../../../../common/draw/types.ts';
import type { ApiError } from '../../../api/client';
import type { SpecialList } from '../../../api/entities';
import type { RegionRule, TaskDetail, TaskInput, TaskKind, TaskStatus, TaskUpdate } from '../../../api/inspections';

/** What the 抽查任务 form holds: ratios in percent (the API takes basis points), the period as one range. */
export interface TaskFormValues {
  kind: TaskKind;
  name: string;
  planId?: string | null;
  regionCode: string;
  itemIds: string[];
  townships: string[];
  industries: string[];
  specialLists: SpecialList[];
  ratios: Record<RiskClass, number>;
  inspectorsPerTarget: number;
  regionRule: RegionRule;
  maxTargetsPerInspector?: number | null;
  period?: [Dayjs | null, Dayjs | null] | null;
  triggerReason?: string;
}

/** A form field as antd names it: a top-level name, or a path into `ratios`. */
export type TaskFormField = keyof TaskFormValues | ['ratios', RiskClass];

const DATE = 'YYYY-MM-DD';

// Every class is mapped, so the partial object Object.fromEntries types is in fact complete.
const mapRatios = (r: Record<RiskClass, number>, f: (n: number) => number) =>
  Object.fromEntries(RISK_CLASSES.map((c) => [c, f(r[c])])) as Record<RiskClass, number>;

export const ratiosToPercent = (basisPoints: Record<RiskClass, number>) => mapRatios(basisPoints, (n) => n / 100);
export const ratiosToBasisPoints = (percent: Record<RiskClass, number>) => mapRatios(percent, (n) => Math.round(n * 100));

/** A new task: random, in the caller's region, the published defaults. */
export function defaultTaskFormValues(regionCode: string): TaskFormValues {
  return {
    kind: 'random',
    name: '',
    regionCode,
    itemIds: [],
    townships: [],
    industries: [],
    specialLists: [],
    ratios: ratiosToPercent(DEFAULT_DRAW_PARAMS.ratioBasisPoints),
    inspectorsPerTarget: DEFAULT_DRAW_PARAMS.inspectorsPerTarget,
    regionRule: DEFAULT_DRAW_PARAMS.regionRule,
    maxTargetsPerInspector: null,
    period: null,
  };
}

/** The form prefilled from a saved task (editing a draft). */
export function taskFormValuesOf(task: TaskDetail): TaskFormValues {
  return {
    kind: task.kind,
    name: task.name,
    planId: task.planId,
    regionCode: task.regionCode,
    itemIds: task.items.map((i) => i.id),
    townships: [...task.scope.regionCodes],
    industries: [...task.scope.industries],
    specialLists: [...task.scope.specialLists],
    ratios: ratiosToPercent(task.ratioBasisPoints),
    inspectorsPerTarget: task.inspectorsPerTarget,
    regionRule: task.regionRule,
    maxTargetsPerInspector: task.maxTargetsPerInspector,
    period: task.startsOn || task.deadline ? [task.startsOn ? dayjs(task.startsOn) : null, task.deadline ? dayjs(task.deadline) : null] : null,
    triggerReason: task.triggerReason ?? '',
  };
}

const dateOf = (d: Dayjs | null | undefined) => d?.format(DATE) ?? null;

/** POST body of a new task: a random task carries its scope and draw rules, a 非随机 one its trigger. */
export function taskInputOf(v: TaskFormValues): TaskInput {
  return {
    kind: v.kind,
    name: v.name.trim(),
    planId: v.planId ?? null,
    regionCode: v.regionCode,
    itemIds: v.itemIds,
    startsOn: dateOf(v.period?.[0]),
    deadline: dateOf(v.period?.[1]),
    inspectorsPerTarget: v.inspectorsPerTarget,
    regionRule: v.regionRule,
    ...(v.kind === 'random'
      ? {
          scope: { regionCodes: v.townships, industries: v.industries, specialLists: v.specialLists, statuses: [] },
          ratioBasisPoints: ratiosToBasisPoints(v.ratios),
          maxTargetsPerInspector: v.maxTargetsPerInspector ?? null,
        }
      : { triggerReason: v.triggerReason?.trim() ?? '' }),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * PATCH body of a draft: only what changed, and only what the PATCH accepts (never kind or region). An untouched
 * item list is not resent, so a task whose item has since been revised keeps its version unless the user changes
 * the list; the scope keeps the task's registration-status filter, which the form does not show. Empty = no change.
 */
export function taskUpdateOf(v: TaskFormValues, task: TaskDetail): TaskUpdate {
  const update: TaskUpdate = {};
  const name = v.name.trim();
  if (name !== task.name) update.name = name;
  if ((v.planId ?? null) !== task.planId) update.planId = v.planId ?? null;
  if (
    !sameSet(
      v.itemIds,
      task.items.map((i) => i.id),
    )
  )
    update.itemIds = v.itemIds;
  const startsOn = dateOf(v.period?.[0]);
  const deadline = dateOf(v.period?.[1]);
  if (startsOn !== task.startsOn) update.startsOn = startsOn;
  if (deadline !== task.deadline) update.deadline = deadline;
  if (v.inspectorsPerTarget !== task.inspectorsPerTarget) update.inspectorsPerTarget = v.inspectorsPerTarget;
  if (v.regionRule !== task.regionRule) update.regionRule = v.regionRule;
  if (task.kind === 'random') {
    const s = task.scope;
    if (!sameSet(v.townships, s.regionCodes) || !sameSet(v.industries, s.industries) || !sameSet(v.specialLists, s.specialLists)) {
      update.scope = { regionCodes: v.townships, industries: v.industries, specialLists: v.specialLists, statuses: s.statuses };
    }
    const ratios = ratiosToBasisPoints(v.ratios);
    if (RISK_CLASSES.some((c) => ratios[c] !== task.ratioBasisPoints[c])) update.ratioBasisPoints = ratios;
    const max = v.maxTargetsPerInspector ?? null;
    if (max !== task.maxTargetsPerInspector) update.maxTargetsPerInspector = max;
  } else {
    const reason = v.triggerReason?.trim() ?? '';
    if (reason !== (task.triggerReason ?? '')) update.triggerReason = reason;
  }
  return update;
}

const SCOPE_FIELDS: Record<string, TaskFormField> = { regionCodes: 'townships', industries: 'industries', specialLists: 'specialLists' };
const PLAIN_FIELDS = new Set<string>([
  'kind',
  'name',
  'planId',
  'regionCode',
  'itemIds',
  'inspectorsPerTarget',
  'regionRule',
  'maxTargetsPerInspector',
  'triggerReason',
]);

/**
 * The form field a server validation detail names: "body.deadline" → the period, "body.ratioBasisPoints.B" → the
 * B ratio, "body.scope.regionCodes" → the townships, "body.itemIds.0" → the items; null when the form has no such field.
 */
export function taskFormFieldOf(field: string): TaskFormField | null {
  const parts = field.split(/[./]/).filter((p) => p.length > 0);
  if (parts[0] === 'body') parts.shift();
  const [head, next] = parts;
  if (head === undefined) return null;
  if (head === 'startsOn' || head === 'deadline') return 'period';
  if (head === 'ratioBasisPoints') return ['ratios', RISK_CLASSES.find((c) => c === next) ?? 'A'];
  if (head === 'scope') return (next && SCOPE_FIELDS[next]) || null;
  return PLAIN_FIELDS.has(head) ? (head as keyof TaskFormValues) : null; // membership just checked
}

/** Server validation details grouped onto the form's fields; empty means "show the error's message instead". */
export function taskFieldErrors(error: ApiError, localise: (text: string) => string = (t) => t): { name: TaskFormField; errors: string[] }[] {
  const byField = new Map<string, { name: TaskFormField; errors: string[] }>();
  for (const detail of error.details) {
    const name = detail.field ? taskFormFieldOf(detail.field) : null;
    if (name === null) continue;
    const key = Array.isArray(name) ? name.join('.') : name;
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(localise(detail.message ?? detail.rule ?? error.message));
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/** What the task page offers for changing a task's parameters. */
export type TaskEditability = 'edit' | 'unfreeze-first' | 'none';

/**
 * Mirrors the server: only a regulator who may manage the task (its region in scope: `canManage`) edits it, and only
 * a draft; a frozen or committed random task can go back to draft first (撤回冻结 / 撤回承诺); after the draw, never.
 */
export function taskEditability(task: { status: TaskStatus; canManage: boolean }, mayManageTasks: boolean): TaskEditability {
  if (!mayManageTasks || !task.canManage) return 'none';
  if (task.status === 'draft') return 'edit';
  if (task.status === 'frozen' || task.status === 'committed') return 'unfreeze-first';
  return 'none';
}
