import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import type { TaskDetail } from '../../../api/inspections';
import { defaultTaskFormValues, taskEditability, taskFieldErrors, taskFormFieldOf, taskFormValuesOf, taskInputOf, taskUpdateOf } from './task-form';

const ITEM = { id: '11111111-1111-4111-8111-111111111111', code: 'SJ-CP-01', version: 1, name: '生产领域产品质量的检查', kind: 'key' as const };

function buildTask(overrides: Partial<TaskDetail> = {}): TaskDetail {
  return {
    id: 't1',
    name: '2026 年第五批 食品生产企业抽查',
    kind: 'random',
    planId: 'p1',
    planName: '吴兴区 2026 年度',
    regionCode: '330502',
    regionName: '吴兴区',
    status: 'draft',
    items: [ITEM],
    startsOn: '2026-12-01',
    deadline: '2026-12-31',
    endedOn: null,
    publishedAt: null,
    publication: null,
    targetCount: 0,
    resultCount: 0,
    isDemo: false,
    scope: { regionCodes: ['330502001'], industries: ['C14'], specialLists: [], statuses: ['operating'] },
    ratioBasisPoints: { A: 300, B: 500, C: 2150, D: 10000 },
    inspectorsPerTarget: 2,
    regionRule: 'township',
    maxTargetsPerInspector: null,
    triggerReason: null,
    draw: {
      poolHash: null,
      targetPoolSize: null,
      inspectorPoolSize: null,
      frozenAt: null,
      commitment: null,
      committedAt: null,
      publicEntropy: null,
      witness: null,
      drawnAt: null,
      seed: null,
      strata: null,
      redrawCount: 0,
    },
    recusals: [],
    canManage: true,
    ...overrides,
  };
}

describe('task form ↔ task', () => {
  it('prefills the form from a saved task, ratios in percent', () => {
    const v = taskFormValuesOf(buildTask());
    expect(v).toMatchObject({
      kind: 'random',
      name: '2026 年第五批 食品生产企业抽查',
      planId: 'p1',
      regionCode: '330502',
      itemIds: [ITEM.id],
      townships: ['330502001'],
      industries: ['C14'],
      ratios: { A: 3, B: 5, C: 21.5, D: 100 },
      inspectorsPerTarget: 2,
      regionRule: 'township',
      maxTargetsPerInspector: null,
    });
    expect(v.period?.map((d) => d?.format('YYYY-MM-DD'))).toEqual(['2026-12-01', '2026-12-31']);
    expect(taskFormValuesOf(buildTask({ startsOn: null, deadline: null })).period).toBeNull();
    expect(taskFormValuesOf(buildTask({ startsOn: null })).period?.[0]).toBeNull();
  });

  it('sends nothing when nothing changed', () => {
    const task = buildTask();
    expect(taskUpdateOf(taskFormValuesOf(task), task)).toEqual({});
  });

  it('sends only the changed fields, never kind or region', () => {
    const task = buildTask();
    const v = taskFormValuesOf(task);
    const update = taskUpdateOf({ ...v, name: '  改后的名称 ', ratios: { ...v.ratios, B: 8 }, kind: 'non_random', regionCode: '330503' }, task);
    expect(update).toEqual({ name: '改后的名称', ratioBasisPoints: { A: 300, B: 800, C: 2150, D: 10000 } });
  });

  it('resends the whole scope, keeping the status filter the form does not show', () => {
    const task = buildTask();
    const v = taskFormValuesOf(task);
    expect(taskUpdateOf({ ...v, townships: [] }, task)).toEqual({
      scope: { regionCodes: [], industries: ['C14'], specialLists: [], statuses: ['operating'] },
    });
    // Order does not count as a change.
    const many = buildTask({ scope: { ...task.scope, industries: ['C14', 'C13'] } });
    expect(taskUpdateOf({ ...taskFormValuesOf(many), industries: ['C13', 'C14'] }, many)).toEqual({});
  });

  it('clears the period, the plan and the cap explicitly', () => {
    const task = buildTask({ maxTargetsPerInspector: 5 });
    const v = taskFormValuesOf(task);
    expect(taskUpdateOf({ ...v, period: null, planId: undefined, maxTargetsPerInspector: null }, task)).toEqual({
      startsOn: null,
      deadline: null,
      planId: null,
      maxTargetsPerInspector: null,
    });
    expect(taskUpdateOf({ ...v, period: [dayjs('2026-12-02'), dayjs('2026-12-31')] }, task)).toEqual({ startsOn: '2026-12-02' });
  });

  it('edits a 非随机 task without draw parameters', () => {
    const task = buildTask({ kind: 'non_random', triggerReason: '12315 投诉', planId: null });
    const v = taskFormValuesOf(task);
    expect(taskUpdateOf({ ...v, triggerReason: ' 12315 投诉（补充） ', ratios: { A: 1, B: 1, C: 1, D: 1 }, townships: ['x'] }, task)).toEqual({
      triggerReason: '12315 投诉（补充）',
    });
    expect(taskUpdateOf({ ...v, inspectorsPerTarget: 3 }, task)).toEqual({ inspectorsPerTarget: 3 });
  });

  it('builds the creation body as before: random with scope and ratios, 非随机 with its trigger', () => {
    const v = { ...defaultTaskFormValues('330502'), name: ' 新任务 ', itemIds: [ITEM.id], ratios: { A: 3, B: 5, C: 21.5, D: 100 } };
    expect(taskInputOf(v)).toEqual({
      kind: 'random',
      name: '新任务',
      planId: null,
      regionCode: '330502',
      itemIds: [ITEM.id],
      startsOn: null,
      deadline: null,
      inspectorsPerTarget: 2,
      regionRule: 'township',
      scope: { regionCodes: [], industries: [], specialLists: [], statuses: [] },
      ratioBasisPoints: { A: 300, B: 500, C: 2150, D: 10000 },
      maxTargetsPerInspector: null,
    });
    const nonRandom = taskInputOf({ ...v, kind: 'non_random', triggerReason: ' 线索 ' });
    expect(nonRandom).toMatchObject({ kind: 'non_random', triggerReason: '线索' });
    expect(nonRandom).not.toHaveProperty('ratioBasisPoints');
    expect(nonRandom).not.toHaveProperty('scope');
  });
});

describe('server field → form field', () => {
  it('names the form field of each detail', () => {
    expect(taskFormFieldOf('body.name')).toBe('name');
    expect(taskFormFieldOf('body.deadline')).toBe('period');
    expect(taskFormFieldOf('/startsOn')).toBe('period');
    expect(taskFormFieldOf('body.ratioBasisPoints.C')).toEqual(['ratios', 'C']);
    expect(taskFormFieldOf('body.ratioBasisPoints')).toEqual(['ratios', 'A']);
    expect(taskFormFieldOf('body.scope.regionCodes')).toBe('townships');
    expect(taskFormFieldOf('body.scope.regionCodes.0')).toBe('townships');
    expect(taskFormFieldOf('body.itemIds.0')).toBe('itemIds');
    expect(taskFormFieldOf('body.scope.statuses')).toBeNull();
    expect(taskFormFieldOf('body')).toBeNull();
    expect(taskFormFieldOf('body.unknown')).toBeNull();
  });

  it('groups the messages by field and leaves out the rest', () => {
    const error = new ApiError({
      code: 'VALIDATION_FAILED',
      message: 'm',
      status: 400,
      requestId: null,
      details: [
        { field: 'body.deadline', rule: 'order', message: '检查截止日期不得早于开始日期 / the deadline is before the start' },
        { field: 'body.ratioBasisPoints.B', rule: 'maximum', message: 'b1' },
        { field: 'body.ratioBasisPoints.B', rule: 'type' },
        { field: 'body.scope.statuses', rule: 'enum', message: 'x' },
      ],
    });
    expect(taskFieldErrors(error, (t) => t.split(' / ')[0] ?? t)).toEqual([
      { name: 'period', errors: ['检查截止日期不得早于开始日期'] },
      { name: ['ratios', 'B'], errors: ['b1', 'type'] },
    ]);
  });
});

describe('who may edit a task', () => {
  it('edits a draft the caller manages; a frozen or committed one must go back to draft first', () => {
    expect(taskEditability({ status: 'draft', canManage: true }, true)).toBe('edit');
    expect(taskEditability({ status: 'frozen', canManage: true }, true)).toBe('unfreeze-first');
    expect(taskEditability({ status: 'committed', canManage: true }, true)).toBe('unfreeze-first');
    expect(taskEditability({ status: 'drawn', canManage: true }, true)).toBe('none');
    expect(taskEditability({ status: 'in_progress', canManage: true }, true)).toBe('none');
    expect(taskEditability({ status: 'draft', canManage: false }, true)).toBe('none');
    expect(taskEditability({ status: 'draft', canManage: true }, false)).toBe('none');
  });
});
