import type { FinalizeDueResult, IssueInput, RetestRequestInput, RetestResultInput, SampleDetail } from '../../../../common/sampling/api.ts';
import { conclusionFromItems, issuedConclusion, judgeItem } from '../../../../common/sampling/conclusion.ts';
import { addDays, isCalendarDay, todayInShanghai } from '../../../../common/sampling/dates.ts';
import { RETEST_RULE_TERMS, type RetestRule, retestLastDayOrNull, retestRequestTiming } from '../../../../common/sampling/retest.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldIssue, forbidden, validationFailed } from '../../../platform/errors.ts';
import type { RegionDirectory } from '../../../platform/regions.ts';
import { type Actor, requireRole } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { workdayCalendar } from '../../calendar/index.ts';
import { canDecideSamples, regionPath } from './access.ts';
import { recordFinalConclusion } from './finalize.ts';
import { closePassedRetestWindows } from './finalize-due.ts';
import { selectItems } from './queries.ts';
import { locked, lockSample, sampleDetail } from './sample-service.ts';

/**
 * The life of a sample after entry:
 *   draft ──issue──▶ final (合格)
 *         └────────▶ issued (不合格) ──notify──▶ window open ──复检 request (≤ 15 days)──▶ retest_requested ──复检 result──▶ final
 *                                                  └── window passed, no request ──finalize──▶ final (不合格)
 * then a final 不合格 may be published (一公开). Each step is one transaction with its audit row.
 */

const DATE_RULE = 'date';

const termText = (rule: RetestRule) => {
  const t = RETEST_RULE_TERMS[rule];
  return t.kind === 'natural' ? `${t.days} 日` : `${t.days} 个工作日`;
};

function calendarUnavailable(): AppError {
  return new AppError(
    409,
    'SAMPLING_CALENDAR_UNAVAILABLE',
    '法定节假日安排尚未录入该年度，无法计算以工作日计的复检期限 / The statutory holiday calendar does not cover that year yet: the working-day window cannot be computed',
  );
}

function dayIssue(
  field: string,
  value: string | null | undefined,
  opts: { notBefore?: string | null; notBeforeLabel?: string; today: string },
): FieldIssue | null {
  if (!value || !isCalendarDay(value)) return { field, rule: DATE_RULE, message: '日期格式应为 YYYY-MM-DD / must be YYYY-MM-DD' };
  if (value > opts.today) return { field, rule: DATE_RULE, message: '不得晚于今天 / must not be after today' };
  if (opts.notBefore && value < opts.notBefore)
    return { field, rule: DATE_RULE, message: `不得早于${opts.notBeforeLabel}（${opts.notBefore}）/ must not be before ${opts.notBefore}` };
  return null;
}

function decider(actor: Actor): Actor {
  if (!canDecideSamples(actor)) throw forbidden();
  return actor;
}

/**
 * Issues the test report: fixes the conclusion (from the items, or an override with its reason — both
 * audited). 合格 is final at once; 不合格 waits for the 复检 window, which starts when the enterprise
 * receives the result (notifiedOn, now or later).
 */
export async function issueSample(db: Db, regions: RegionDirectory, actor: Actor, id: string, input: IssueInput, ctx: AuditContext): Promise<SampleDetail> {
  const calendar = await workdayCalendar(db);
  return inTransaction(db, async (trx) => {
    const row = await lockSample(trx, regions, decider(actor), id);
    if (row.status !== 'draft') throw locked(row.status);
    const today = todayInShanghai();
    const items = await selectItems(trx, id);
    const issues: FieldIssue[] = [];
    const reportDay = dayIssue('body.reportDate', input.reportDate, { notBefore: row.sampled_on, notBeforeLabel: '抽样日期', today });
    if (reportDay) issues.push(reportDay);
    if (input.notifiedOn) {
      const n = dayIssue('body.notifiedOn', input.notifiedOn, { notBefore: input.reportDate, notBeforeLabel: '报告日期', today });
      if (n) issues.push(n);
    }
    if (!input.reportNo.trim()) issues.push({ field: 'body.reportNo', rule: 'required', message: '必填 / is required' });
    const pending = items.filter((i) => i.verdict === null);
    if (pending.length > 0) {
      issues.push({
        field: 'items',
        rule: 'verdict',
        message: `检验项目尚未全部判定：${pending.map((i) => i.name).join('、')} / every test item needs a verdict first`,
      });
    }
    const override = input.override ?? null;
    if (override) {
      if (!override.reason.trim()) issues.push({ field: 'body.override.reason', rule: 'required', message: '改判须说明理由 / an override needs a reason' });
      if (override.conclusion === row.computed_conclusion) {
        issues.push({ field: 'body.override.conclusion', rule: 'override', message: '与检验项目得出的结论相同，无需改判 / same as the items give' });
      }
    }
    if (issues.length > 0) throw validationFailed(issues);
    const conclusion = issuedConclusion(row.computed_conclusion, override?.conclusion ?? null);
    if (conclusion === null) throw validationFailed([{ field: 'items', rule: 'verdict', message: '尚无结论 / no conclusion yet' }]);
    await trx
      .updateTable('sampling_sample')
      .set({
        status: 'issued',
        conclusion,
        override_conclusion: override?.conclusion ?? null,
        override_reason: override ? override.reason.trim() : null,
        report_no: input.reportNo.trim(),
        report_date: input.reportDate,
        notified_on: conclusion === 'fail' ? (input.notifiedOn ?? null) : null,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'sampling.sample.issue',
      entityType: 'sampling_sample',
      entityId: id,
      regionCode: row.region_code,
      before: { status: row.status, computedConclusion: row.computed_conclusion },
      after: { status: 'issued', conclusion, reportNo: input.reportNo.trim(), reportDate: input.reportDate, notifiedOn: input.notifiedOn ?? null },
    });
    if (override) {
      await appendAudit(trx, ctx, {
        action: 'sampling.sample.override',
        entityType: 'sampling_sample',
        entityId: id,
        regionCode: row.region_code,
        before: { conclusion: row.computed_conclusion },
        after: { conclusion: override.conclusion, reason: override.reason.trim() },
      });
    }
    let issued = await lockSample(trx, regions, actor, id);
    if (conclusion === 'pass') {
      await recordFinalConclusion(trx, regions, issued, items, { conclusion: 'pass', via: 'issued', on: input.reportDate }, actor.id, ctx);
      issued = await lockSample(trx, regions, actor, id);
    }
    return sampleDetail(trx, calendar, regions, actor, issued, items);
  });
}

/** Records the day the enterprise received the 不合格 result: the 15-day 复检 window runs from it. */
export async function notifySample(db: Db, regions: RegionDirectory, actor: Actor, id: string, notifiedOn: string, ctx: AuditContext): Promise<SampleDetail> {
  const calendar = await workdayCalendar(db);
  return inTransaction(db, async (trx) => {
    const row = await lockSample(trx, regions, decider(actor), id);
    if (row.status !== 'issued' || row.notified_on !== null) throw locked(row.notified_on ? 'notified' : row.status);
    const issue = dayIssue('body.notifiedOn', notifiedOn, { notBefore: row.report_date, notBeforeLabel: '报告日期', today: todayInShanghai() });
    if (issue) throw validationFailed([issue]);
    await trx.updateTable('sampling_sample').set({ notified_on: notifiedOn, updated_at: new Date() }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'sampling.sample.notify',
      entityType: 'sampling_sample',
      entityId: id,
      regionCode: row.region_code,
      after: { notifiedOn, retestLastDay: retestLastDayOrNull(calendar, notifiedOn, row.retest_rule) },
    });
    return sampleDetail(trx, calendar, regions, actor, await lockSample(trx, regions, actor, id));
  });
}

/**
 * A 复检 application: in time when made within the sample's window (15 natural days for products, 产品质量法 第十五条;
 * 7 working days for drugs and food — common/sampling/retest.ts). The enterprise files it itself (dated
 * today by the server); an officer records a paper application with the day it was received.
 */
export async function requestRetest(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  id: string,
  input: RetestRequestInput,
  ctx: AuditContext,
): Promise<SampleDetail> {
  const calendar = await workdayCalendar(db);
  return inTransaction(db, async (trx) => {
    const row = await lockSample(trx, regions, actor, id);
    const own = actor.role === 'enterprise' && actor.enterpriseCreditCode === row.entity_credit_code;
    if (!own && !canDecideSamples(actor)) throw forbidden();
    const today = todayInShanghai();
    if (row.status !== 'issued' || row.conclusion !== 'fail') throw locked(row.status);
    if (!row.notified_on) {
      throw new AppError(
        409,
        'SAMPLING_NOT_NOTIFIED',
        '检验结论尚未送达企业，复检期限尚未起算 / The result has not been served yet: the re-test window has not started',
      );
    }
    const requestedOn = own ? today : (input.requestedOn ?? today);
    const issue = dayIssue('body.requestedOn', requestedOn, { today });
    if (issue) throw validationFailed([issue]);
    const timing = retestRequestTiming(calendar, row.notified_on, requestedOn, row.retest_rule);
    const lastDay = retestLastDayOrNull(calendar, row.notified_on, row.retest_rule);
    if (timing === 'unknown') throw calendarUnavailable();
    if (timing === 'before_notice') {
      throw validationFailed([
        { field: 'body.requestedOn', rule: 'date', message: `不得早于送达日期（${row.notified_on}）/ must not be before the result was served` },
      ]);
    }
    if (timing === 'late') {
      throw new AppError(
        409,
        'SAMPLING_RETEST_WINDOW_CLOSED',
        `复检申请期限已过：应在收到检验结论之日（${row.notified_on}）起 ${termText(row.retest_rule)}内、即 ${lastDay} 前（含当日）提出 / The re-test window ended on ${lastDay}`,
        [{ notifiedOn: row.notified_on, lastDay, requestedOn, rule: row.retest_rule }],
      );
    }
    const note = input.note?.trim() || null;
    await trx
      .updateTable('sampling_sample')
      .set({ status: 'retest_requested', retest_requested_on: requestedOn, retest_note: note, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'sampling.sample.retest_request',
      entityType: 'sampling_sample',
      entityId: id,
      regionCode: row.region_code,
      before: { status: row.status },
      after: { status: 'retest_requested', requestedOn, notifiedOn: row.notified_on, lastDay, note, filedBy: own ? 'enterprise' : 'officer' },
    });
    return sampleDetail(trx, calendar, regions, actor, await lockSample(trx, regions, actor, id));
  });
}

/**
 * The 复检 result: the failing items (or, for an override with no failing item, any items) re-tested on
 * the reserve sample. Its conclusion is the final one.
 */
export async function recordRetestResult(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  id: string,
  input: RetestResultInput,
  ctx: AuditContext,
): Promise<SampleDetail> {
  const calendar = await workdayCalendar(db);
  return inTransaction(db, async (trx) => {
    const row = await lockSample(trx, regions, decider(actor), id);
    if (row.status !== 'retest_requested') throw locked(row.status);
    const items = await selectItems(trx, id);
    const failing = items.filter((i) => i.verdict === 'fail');
    const allowed = new Set((failing.length > 0 ? failing : items).map((i) => i.id));
    const issues: FieldIssue[] = [];
    const day = dayIssue('body.reportDate', input.reportDate, { notBefore: row.retest_requested_on, notBeforeLabel: '复检申请日期', today: todayInShanghai() });
    if (day) issues.push(day);
    if (!input.lab.trim()) issues.push({ field: 'body.lab', rule: 'required', message: '必填 / is required' });
    if (!input.reportNo.trim()) issues.push({ field: 'body.reportNo', rule: 'required', message: '必填 / is required' });
    const results = new Map<string, { value: number | null; text: string | null; verdict: 'pass' | 'fail' }>();
    input.items.forEach((r, i) => {
      const item = items.find((x) => x.id === r.itemId);
      if (!item || !allowed.has(r.itemId)) {
        issues.push({ field: `body.items.${i}.itemId`, rule: 'retest', message: '复检只针对不合格项目 / only the failing items are re-tested' });
        return;
      }
      const judged = judgeItem(
        { limitMin: item.limit_min, limitMax: item.limit_max, limitText: item.limit_text },
        { value: r.resultValue ?? null, text: r.resultText?.trim() || null, enteredVerdict: r.verdict ?? null },
      );
      if (!judged.ok) issues.push({ field: `body.items.${i}`, rule: 'verdict', message: `“${item.name}”：${judged.reason}` });
      else if (judged.verdict === null)
        issues.push({ field: `body.items.${i}`, rule: 'verdict', message: `“${item.name}”：须填写复检结果并判定 / give the result and verdict` });
      else results.set(item.id, { value: r.resultValue ?? null, text: r.resultText?.trim() || null, verdict: judged.verdict });
    });
    const missing = failing.filter((i) => !input.items.some((r) => r.itemId === i.id));
    if (missing.length > 0) {
      issues.push({
        field: 'body.items',
        rule: 'retest',
        message: `缺少不合格项目的复检结果：${missing.map((i) => i.name).join('、')} / every failing item needs a re-test result`,
      });
    }
    if (results.size === 0 && issues.length === 0) issues.push({ field: 'body.items', rule: 'minItems', message: '至少一个复检项目 / at least one item' });
    if (issues.length > 0) throw validationFailed(issues);
    for (const [itemId, r] of results) {
      await trx
        .updateTable('sampling_test_item')
        .set({ retest_value: r.value, retest_text: r.text, retest_verdict: r.verdict })
        .where('id', '=', itemId)
        .execute();
    }
    const retestConclusion = conclusionFromItems([...results.values()].map((r) => r.verdict)) ?? 'fail';
    await trx
      .updateTable('sampling_sample')
      .set({
        retest_lab: input.lab.trim(),
        retest_report_no: input.reportNo.trim(),
        retest_report_date: input.reportDate,
        retest_conclusion: retestConclusion,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'sampling.sample.retest_result',
      entityType: 'sampling_sample',
      entityId: id,
      regionCode: row.region_code,
      after: {
        retestConclusion,
        lab: input.lab.trim(),
        reportNo: input.reportNo.trim(),
        reportDate: input.reportDate,
        items: [...results.entries()].map(([k, v]) => ({ itemId: k, ...v })),
      },
    });
    const updated = await lockSample(trx, regions, actor, id);
    const updatedItems = await selectItems(trx, id);
    await recordFinalConclusion(trx, regions, updated, updatedItems, { conclusion: retestConclusion, via: 'retest', on: input.reportDate }, actor.id, ctx);
    return sampleDetail(trx, calendar, regions, actor, await lockSample(trx, regions, actor, id), updatedItems);
  });
}

/**
 * Makes an issued 不合格 final once its 复检 window has passed without a request (final on the day after
 * the last day). Idempotent: a sample already final is returned as it is.
 */
export async function finalizeSample(db: Db, regions: RegionDirectory, actor: Actor, id: string, ctx: AuditContext): Promise<SampleDetail> {
  const calendar = await workdayCalendar(db);
  return inTransaction(db, async (trx) => {
    const row = await lockSample(trx, regions, decider(actor), id);
    if (row.status === 'final') return sampleDetail(trx, calendar, regions, actor, row);
    if (row.status !== 'issued') throw locked(row.status);
    if (!row.notified_on) {
      throw new AppError(
        409,
        'SAMPLING_NOT_NOTIFIED',
        '检验结论尚未送达企业，复检期限尚未起算 / The result has not been served yet: the re-test window has not started',
      );
    }
    const lastDay = retestLastDayOrNull(calendar, row.notified_on, row.retest_rule);
    if (lastDay === null) throw calendarUnavailable();
    if (todayInShanghai() <= lastDay) {
      throw new AppError(
        409,
        'SAMPLING_RETEST_WINDOW_OPEN',
        `复检申请期限至 ${lastDay}，期满后结论方为最终结论 / The re-test window is open until ${lastDay}`,
        [{ lastDay }],
      );
    }
    const items = await selectItems(trx, id);
    await recordFinalConclusion(trx, regions, row, items, { conclusion: 'fail', via: 'window_closed', on: addDays(lastDay, 1) }, actor.id, ctx);
    return sampleDetail(trx, calendar, regions, actor, await lockSample(trx, regions, actor, id), items);
  });
}

/** Finalizes every issued 不合格 in the caller's region whose window has passed (the 结转 button; the daily job does the city). */
export async function finalizeDueSamples(
  db: Db,
  regions: RegionDirectory,
  actor: Actor,
  ctx: AuditContext,
  options: { regionCode?: string; today?: string } = {},
): Promise<FinalizeDueResult> {
  requireRole(actor, 'city_admin', 'county_officer');
  const path = regionPath(actor, regions, options.regionCode);
  return closePassedRetestWindows(db, regions, path, ctx, { ...(options.today ? { today: options.today } : {}), recordedBy: actor.id });
}

/** Publishes a final 不合格 on the public list (一公开). Idempotent. */
export async function publishSample(db: Db, regions: RegionDirectory, actor: Actor, id: string, ctx: AuditContext): Promise<SampleDetail> {
  const calendar = await workdayCalendar(db);
  return inTransaction(db, async (trx) => {
    const row = await lockSample(trx, regions, decider(actor), id);
    if (row.published_at) return sampleDetail(trx, calendar, regions, actor, row);
    if (row.status !== 'final' || row.final_conclusion !== 'fail') {
      throw new AppError(409, 'SAMPLING_NOT_PUBLISHABLE', '只有最终结论为不合格的样品予以公示 / Only a final 不合格 is published');
    }
    await trx.updateTable('sampling_sample').set({ published_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'sampling.sample.publish',
      entityType: 'sampling_sample',
      entityId: id,
      regionCode: row.region_code,
      after: { published: true },
    });
    return sampleDetail(trx, calendar, regions, actor, await lockSample(trx, regions, actor, id));
  });
}
