import type { Selectable } from 'kysely';
import type { TestItemInput, Verdict } from '../../../../common/sampling/api.ts';
import { conclusionFromItems, judgeItem } from '../../../../common/sampling/conclusion.ts';
import type { SamplingTestItemTable } from '../../../db/types.ts';
import type { FieldIssue } from '../../../platform/errors.ts';

/** A test item as it will be stored (before it has a sample id; a retest is entered later). */
export type ItemValues = Omit<Selectable<SamplingTestItemTable>, 'id' | 'sample_id' | 'retest_value' | 'retest_text' | 'retest_verdict'>;

const clean = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};

/** Judges every item (common/sampling/conclusion.ts); issues name `body.items.<n>` for the ones that cannot stand. */
export function prepareItems(items: TestItemInput[]): { values: ItemValues[]; computed: Verdict | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const values: ItemValues[] = [];
  items.forEach((item, i) => {
    const limit = { limitMin: item.limitMin ?? null, limitMax: item.limitMax ?? null, limitText: clean(item.limitText) };
    const judged = judgeItem(limit, { value: item.resultValue ?? null, text: clean(item.resultText), enteredVerdict: item.verdict ?? null });
    if (!judged.ok) {
      issues.push({ field: `body.items.${i}`, rule: 'verdict', message: `第 ${i + 1} 项“${item.name}”：${judged.reason}` });
      return;
    }
    values.push({
      seq: i + 1,
      name: item.name.trim(),
      method: clean(item.method),
      standard: clean(item.standard),
      unit: clean(item.unit),
      limit_min: limit.limitMin,
      limit_max: limit.limitMax,
      limit_text: limit.limitText,
      result_value: item.resultValue ?? null,
      result_text: clean(item.resultText),
      verdict: judged.verdict,
      verdict_source: judged.source,
    });
  });
  const names = items.map((i) => i.name.trim());
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) issues.push({ field: `body.items.${i}.name`, rule: 'unique', message: `检验项目“${n}”重复 / duplicate item` });
  });
  return { values, computed: conclusionFromItems(values.map((v) => v.verdict)), issues };
}
