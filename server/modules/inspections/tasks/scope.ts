import { industryFilterPrefixes } from '../../../../common/industry.ts';
import type { TaskScope } from '../../../../common/inspection-api.ts';
import { type FieldIssue, validationFailed } from '../../../platform/errors.ts';
import type { Region, RegionDirectory } from '../../../platform/regions.ts';
import type { TargetPoolFilter } from '../../entities/index.ts';

/** A task's scope with every list present (absent = no filter). */
export function normaliseScope(input: Partial<TaskScope> | null | undefined): TaskScope {
  return {
    regionCodes: [...(input?.regionCodes ?? [])],
    industries: [...(input?.industries ?? [])],
    specialLists: [...(input?.specialLists ?? [])],
    statuses: [...(input?.statuses ?? [])],
  };
}

/** The scope read back from the task row's jsonb (written by normaliseScope). */
export function scopeFromJson(value: unknown): TaskScope {
  return normaliseScope((typeof value === 'object' && value !== null ? value : {}) as Partial<TaskScope>); // the row holds what normaliseScope wrote
}

/**
 * The 检查对象名录库 filter of a task (regulation.md §1 rule 2): its region or the listed parts of it, industries,
 * special lists and statuses. Regions outside the task's region and unknown industries are 400s naming the field.
 */
export function poolFilter(regions: RegionDirectory, taskRegion: Region, scope: TaskScope, field = 'body.scope'): TargetPoolFilter {
  const issues: FieldIssue[] = [];
  const regionPaths: string[] = [];
  scope.regionCodes.forEach((code, i) => {
    const path = regions.get(code)?.path;
    if (path?.startsWith(taskRegion.path)) regionPaths.push(path);
    else issues.push({ field: `${field}.regionCodes.${i}`, rule: 'scope', message: `${code} 不在任务所属区域内 / not within the task's region` });
  });
  const industryPrefixes: string[] = [];
  scope.industries.forEach((value, i) => {
    const prefixes = industryFilterPrefixes(value);
    if (!prefixes) issues.push({ field: `${field}.industries.${i}`, rule: 'gb4754', message: `未知的国民经济行业分类 ${value} / unknown GB/T 4754 code` });
    else industryPrefixes.push(...prefixes);
  });
  if (issues.length > 0) throw validationFailed(issues);
  return {
    regionPaths: regionPaths.length > 0 ? regionPaths : [taskRegion.path],
    industryPrefixes,
    specialLists: scope.specialLists,
    statuses: scope.statuses,
  };
}
