import type { WorkdayCalendar } from '../../common/calendar/index.ts';
import type { ResultCategory } from '../../common/inspection-api.ts';
import { workdayCalendar } from '../modules/calendar/index.ts';
import { todayInShanghai } from '../modules/inspections/dates.ts';
import { commitTask, drawTask, freezeTask } from '../modules/inspections/draw/draw-service.ts';
import { applyForRecusal, approveRecusal } from '../modules/inspections/draw/recusal-service.ts';
import { finishTask, publishTask } from '../modules/inspections/results/publication-service.ts';
import { listTargets, recordResult, updateFollowUp } from '../modules/inspections/results/target-service.ts';
import { assignNonRandom } from '../modules/inspections/tasks/assign-service.ts';
import { createTask } from '../modules/inspections/tasks/task-service.ts';
import type { AuditContext } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { RegionDirectory } from '../platform/regions.ts';
import type { Actor } from '../platform/scope.ts';

/**
 * 双随机、一公开 demo data (演示数据), after the entities and their credit classes: an inspector register across the
 * five districts/counties (inspector1 linked to one of 吴兴区's), the item list, 吴兴区's 2026 plan, and three tasks
 * that went through the real service path — one drawn with a witness value, inspected (one recusal redrawn) and
 * published, so the public verify page shows 一致; one drawn and under way (inspector1 has targets on it); and one
 * 非随机 (complaint) task finished and waiting in the publication queue, its deadline 2 working days away.
 * Everything is fictitious and flagged is_demo.
 */

interface DemoInspector {
  name: string;
  badge: string;
  validUntil: string;
  home: string;
  specialities: string[];
  username?: string;
}

const INSPECTORS: DemoInspector[] = [
  { name: '周建华', badge: '3305021001', validUntil: '2028-06-30', home: '330502003', specialities: ['产品质量', '食品安全'], username: 'inspector1' },
  { name: '沈丽娟', badge: '3305021002', validUntil: '2028-06-30', home: '330502001', specialities: ['产品质量', '计量'] },
  { name: '姚志强', badge: '3305021003', validUntil: '2027-12-31', home: '330502100', specialities: ['纺织服装', '标签标识'] },
  { name: '钱晓敏', badge: '3305021004', validUntil: '2027-12-31', home: '330502101', specialities: ['食品安全'] },
  { name: '俞国平', badge: '3305021005', validUntil: '2028-03-31', home: '330502104', specialities: ['工业产品生产许可', '电线电缆'] },
  { name: '费斌', badge: '3305021006', validUntil: '2028-03-31', home: '330502012', specialities: ['特种设备', '产品质量'] },
  { name: '潘红燕', badge: '3305021007', validUntil: '2027-09-30', home: '330502002', specialities: ['广告', '价格'] },
  // His 执法证 lapsed: he stays in the register but is never drawn until it is renewed.
  { name: '施伟', badge: '3305021008', validUntil: '2026-01-31', home: '330502005', specialities: ['产品质量'] },
  { name: '蒋磊', badge: '3305031001', validUntil: '2028-06-30', home: '330503100', specialities: ['电梯', '木地板'] },
  { name: '韩静', badge: '3305031002', validUntil: '2028-06-30', home: '330503101', specialities: ['产品质量'] },
  { name: '曹军', badge: '3305211001', validUntil: '2028-06-30', home: '330521001', specialities: ['钢琴', '产品质量'] },
  { name: '许芳', badge: '3305211002', validUntil: '2028-06-30', home: '330521102', specialities: ['食品安全'] },
  { name: '邱勇', badge: '3305221001', validUntil: '2028-06-30', home: '330522001', specialities: ['蓄电池', '产品质量'] },
  { name: '朱桂英', badge: '3305221002', validUntil: '2028-06-30', home: '330522101', specialities: ['纺织'] },
  { name: '胡明', badge: '3305231001', validUntil: '2028-06-30', home: '330523001', specialities: ['椅业', '竹制品'] },
  { name: '孙艳', badge: '3305231002', validUntil: '2028-06-30', home: '330523105', specialities: ['白茶', '食品安全'] },
];

const ITEMS = [
  {
    code: 'SJ-GS-01',
    name: '企业公示信息的检查',
    kind: 'general' as const,
    legalBasis: '《企业信息公示暂行条例》第十四条、第十五条',
    subject: '企业',
    method: '书面检查、实地核查、网络监测',
  },
  {
    code: 'SJ-CP-01',
    name: '生产领域产品质量的检查',
    kind: 'key' as const,
    legalBasis: '《中华人民共和国产品质量法》第十五条、第十八条',
    subject: '工业产品生产企业',
    method: '实地检查、抽样检验',
  },
  {
    code: 'SJ-XK-01',
    name: '工业产品生产许可证获证企业的检查',
    kind: 'key' as const,
    legalBasis: '《中华人民共和国工业产品生产许可证管理条例》第三十七条',
    subject: '获证企业',
    method: '实地检查',
  },
  {
    code: 'SJ-SP-01',
    name: '食品生产者生产活动的检查',
    kind: 'key' as const,
    legalBasis: '《中华人民共和国食品安全法》第一百一十条',
    subject: '食品生产企业',
    method: '实地检查、抽样检验',
  },
  {
    code: 'SJ-BQ-01',
    name: '产品标识标注的检查',
    kind: 'general' as const,
    legalBasis: '《中华人民共和国产品质量法》第二十七条',
    subject: '生产、销售企业',
    method: '实地检查',
  },
  {
    code: 'SJ-JL-01',
    name: '计量器具使用情况的检查',
    kind: 'general' as const,
    legalBasis: '《中华人民共和国计量法》第九条',
    subject: '使用强制检定计量器具的单位',
    method: '实地检查',
  },
];

async function actorFor(db: Db, regions: RegionDirectory, username: string): Promise<Actor> {
  const u = await db.selectFrom('platform_user').selectAll().where('username', '=', username).where('is_demo', '=', true).executeTakeFirstOrThrow();
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    regionCode: u.region_code,
    regionPath: regions.get(u.region_code)?.path ?? `/${u.region_code}/`,
    enterpriseCreditCode: u.enterprise_credit_code,
  };
}

/** The latest day whose `n`th working day after is not later than `day` (calendar days outside the calendar's years). */
function workdaysBefore(calendar: WorkdayCalendar, day: string, n: number): string {
  if (n === 0) return day;
  let d = day;
  for (let guard = 0; guard < 400; guard++) {
    d = addDaysSafe(d, -1);
    try {
      if (calendar.addWorkdays(d, n) <= day) return d;
    } catch {
      return addDaysSafe(day, -Math.ceil(n * 1.4));
    }
  }
  return d;
}

/** A plausible category for the k-th demo target (most find nothing). */
function categoryFor(k: number): { category: ResultCategory; findings: string | null } {
  if (k % 7 === 3) return { category: 'rectified', findings: '产品标签未标注执行标准编号，已当场责令改正。' };
  if (k % 11 === 5) return { category: 'not_publicised', findings: '未按期公示 2025 年度报告。' };
  if (k % 13 === 8) return { category: 'unreachable', findings: '登记住所无人办公，电话无法接通。' };
  return { category: 'no_problem', findings: null };
}

export async function seedInspectionsDemo(db: Db, ctx: AuditContext): Promise<{ inspectors: number; items: number; tasks: number }> {
  const regions = await RegionDirectory.load(db);
  const calendar = await workdayCalendar(db);
  const admin = await actorFor(db, regions, 'admin');
  const wuxing = await actorFor(db, regions, 'wuxing');
  const users = await db.selectFrom('platform_user').select(['id', 'username']).where('is_demo', '=', true).execute();
  const userId = new Map(users.map((u) => [u.username, u.id]));

  const inspectorIds = new Map<string, string>();
  for (const p of INSPECTORS) {
    const home = regions.get(p.home);
    const row = await db
      .insertInto('inspection_inspector')
      .values({
        name: p.name,
        user_id: p.username ? (userId.get(p.username) ?? null) : null,
        badge_number: p.badge,
        badge_valid_until: p.validUntil,
        specialities: p.specialities,
        home_region_code: p.home,
        region_code: home?.parentCode ?? p.home.slice(0, 6),
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    inspectorIds.set(p.name, row.id);
  }

  const itemIds = new Map<string, string>();
  for (const item of ITEMS) {
    const row = await db
      .insertInto('inspection_item')
      .values({
        code: item.code,
        version: 1,
        name: item.name,
        kind: item.kind,
        legal_basis: item.legalBasis,
        subject: item.subject,
        method: item.method,
        status: 'current',
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    itemIds.set(item.code, row.id);
  }
  const item = (code: string) => itemIds.get(code) ?? '';

  const plan = await db
    .insertInto('inspection_plan')
    .values({
      year: 2026,
      name: '吴兴区市场监管领域 2026 年度“双随机、一公开”抽查计划（演示）',
      region_code: '330502',
      ratio_a: 300,
      ratio_b: 1500,
      ratio_c: 5000,
      ratio_d: 10000,
      inspectors_per_target: 2,
      region_rule: 'township',
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('inspection_plan_item')
    .values(['SJ-GS-01', 'SJ-CP-01', 'SJ-XK-01', 'SJ-SP-01', 'SJ-BQ-01'].map((c) => ({ plan_id: plan.id, item_id: item(c) })))
    .execute();

  // Two declared conflicts on entities of the first task's pool (回避 in advance).
  const pool = await db
    .selectFrom('entity')
    .select('credit_code')
    .where('region_code', 'like', '330502%')
    .where('industry_code', 'like', '18%')
    .orderBy('credit_code')
    .limit(2)
    .execute();
  for (const [i, e] of pool.entries()) {
    await db
      .insertInto('inspection_inspector_conflict')
      .values({
        inspector_id: inspectorIds.get(i === 0 ? '周建华' : '姚志强') ?? '',
        credit_code: e.credit_code,
        reason: i === 0 ? '近亲属在该企业任职' : '曾在该企业工作，离职未满三年',
      })
      .execute();
  }

  const markDemo = (id: string) => db.updateTable('inspection_task').set({ is_demo: true }).where('id', '=', id).execute();
  const today = todayInShanghai();

  // 1. Drawn with a witness, inspected (one recusal redrawn), finished and published.
  const ended1 = workdaysBefore(calendar, today, 12);
  const t1 = await createTask(
    db,
    regions,
    wuxing,
    {
      name: '2026 年第三批 吴兴区制造业产品质量“双随机”抽查（演示）',
      kind: 'random',
      planId: plan.id,
      regionCode: '330502',
      itemIds: [item('SJ-CP-01'), item('SJ-BQ-01')],
      scope: { industries: ['C'] },
      startsOn: workdaysBefore(calendar, ended1, 15),
      deadline: ended1,
    },
    ctx,
  );
  await markDemo(t1.id);
  await freezeTask(db, regions, wuxing, t1.id, ctx);
  await commitTask(db, regions, wuxing, t1.id, ctx);
  await drawTask(db, regions, wuxing, t1.id, { publicEntropy: '见证人（企业代表）现场报数 37194', witness: '湖州某企业代表（演示）' }, ctx);
  const targets1 = (await listTargets(db, regions, wuxing, t1.id, { page: 1, pageSize: 200 })).items;
  const first = targets1[0];
  const recused = first?.inspectors[0];
  if (first && recused) {
    const application = await applyForRecusal(
      db,
      regions,
      wuxing,
      t1.id,
      { targetId: first.id, inspectorId: recused.id, reason: '当事人申请：该执法人员与企业负责人系同学关系' },
      ctx,
    );
    await approveRecusal(db, regions, admin, application.id, '经审查，同意回避', ctx);
  }
  for (const [k, t] of targets1.entries()) {
    const { category, findings } = categoryFor(k);
    await recordResult(db, regions, wuxing, t.id, { category, findings, inspectedOn: workdaysBefore(calendar, ended1, k % 5) }, ctx);
    if (category === 'rectified') {
      await updateFollowUp(db, regions, wuxing, t.id, { rectificationDue: ended1, recheckOn: ended1, recheckResult: '复查已整改到位' }, ctx);
    }
  }
  await finishTask(db, regions, wuxing, t1.id, { endedOn: ended1 }, ctx);
  await publishTask(db, regions, wuxing, t1.id, ctx);

  // 2. Drawn, under way: inspector1's mobile list has targets on it.
  const t2 = await createTask(
    db,
    regions,
    wuxing,
    {
      name: '2026 年第四批 吴兴区食品生产企业“双随机”抽查（演示）',
      kind: 'random',
      planId: plan.id,
      regionCode: '330502',
      itemIds: [item('SJ-SP-01'), item('SJ-GS-01')],
      scope: { industries: ['14', '15', '52'] },
      ratioBasisPoints: { A: 500, B: 3000, C: 6000, D: 10000 },
      startsOn: today,
      deadline: addDaysSafe(today, 30),
    },
    ctx,
  );
  await markDemo(t2.id);
  await freezeTask(db, regions, wuxing, t2.id, ctx);
  await commitTask(db, regions, wuxing, t2.id, ctx);
  await drawTask(db, regions, wuxing, t2.id, { publicEntropy: '2026 见证人报数 80412', witness: '区人大代表（演示）' }, ctx);

  // 3. 非随机 (complaint): finished, waiting for publication, due in 2 working days.
  const due3 = safeAddWorkdays(calendar, today, 2);
  const ended3 = due3 ? workdaysBefore(calendar, due3, 20) : workdaysBefore(calendar, today, 18);
  const complained = await db
    .selectFrom('entity')
    .select(['credit_code', 'region_code'])
    .where('region_code', 'like', '3305021%')
    .where('industry_code', 'like', '18%')
    .where('status', 'in', ['subsisting', 'operating'])
    .orderBy('name')
    .offset(2)
    .limit(1)
    .executeTakeFirst();
  if (complained) {
    const t3 = await createTask(
      db,
      regions,
      wuxing,
      {
        name: '投诉举报核查：童装标签标识问题（演示）',
        kind: 'non_random',
        regionCode: '330502',
        itemIds: [item('SJ-BQ-01')],
        triggerReason: '12315 平台投诉：所购童装无中文标签（演示）',
        startsOn: ended3,
        deadline: ended3,
      },
      ctx,
    );
    await markDemo(t3.id);
    // Not from the entity's own township (the task's region rule).
    const pair = INSPECTORS.filter((p) => ['沈丽娟', '潘红燕', '钱晓敏', '俞国平'].includes(p.name) && p.home !== complained.region_code)
      .slice(0, 2)
      .map((p) => p.name);
    await assignNonRandom(
      db,
      regions,
      wuxing,
      t3.id,
      { targets: [{ creditCode: complained.credit_code, inspectorIds: pair.map((n) => inspectorIds.get(n) ?? '') }] },
      ctx,
    );
    const [target] = (await listTargets(db, regions, wuxing, t3.id, { page: 1, pageSize: 10 })).items;
    if (target) {
      await recordResult(
        db,
        regions,
        wuxing,
        target.id,
        { category: 'rectified', findings: '部分童装未加贴中文标签，已责令下架整改。', inspectedOn: ended3 },
        ctx,
      );
      await updateFollowUp(db, regions, wuxing, target.id, { rectificationDue: safeAddWorkdays(calendar, ended3, 10) ?? ended3 }, ctx);
    }
    await finishTask(db, regions, wuxing, t3.id, { endedOn: ended3 }, ctx);
  }
  // 4. 非随机 (clue) under way, assigned to inspector1's register entry: his phone list always has work on it.
  const clue = await db
    .selectFrom('entity')
    .select(['credit_code', 'region_code'])
    .where('region_code', 'like', '3305021%')
    .where('region_code', '<>', '330502003')
    .where('industry_code', 'like', '14%')
    .where('status', 'in', ['subsisting', 'operating'])
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
  if (clue) {
    const t4 = await createTask(
      db,
      regions,
      wuxing,
      {
        name: '线索核查：网络监测发现的食品标签问题（演示）',
        kind: 'non_random',
        regionCode: '330502',
        itemIds: [item('SJ-SP-01'), item('SJ-BQ-01')],
        triggerReason: '网络交易监测发现疑似标签标注不规范（演示）',
        startsOn: today,
        deadline: addDaysSafe(today, 14),
      },
      ctx,
    );
    await markDemo(t4.id);
    const colleague = INSPECTORS.find((p) => p.name === '沈丽娟' && p.home !== clue.region_code) ?? INSPECTORS.find((p) => p.name === '潘红燕');
    await assignNonRandom(
      db,
      regions,
      wuxing,
      t4.id,
      { targets: [{ creditCode: clue.credit_code, inspectorIds: [inspectorIds.get('周建华') ?? '', inspectorIds.get(colleague?.name ?? '') ?? ''] }] },
      ctx,
    );
  }
  await db.updateTable('inspection_task_target').set({ is_demo: true }).where('task_id', 'in', [t1.id, t2.id]).execute();
  return { inspectors: INSPECTORS.length, items: ITEMS.length, tasks: 2 + (complained ? 1 : 0) + (clue ? 1 : 0) };
}

function safeAddWorkdays(calendar: WorkdayCalendar, day: string, n: number): string | null {
  try {
    return calendar.addWorkdays(day, n);
  } catch {
    return null;
  }
}

function addDaysSafe(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
