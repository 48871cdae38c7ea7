import type { EvaluationSnapshot } from '../../common/plan-api.ts';
import { buildSnapshot } from '../modules/plan/evaluation-service.ts';
import { logProgress } from '../modules/plan/progress-log.ts';
import type { Db } from '../platform/db.ts';
import type { RegionDirectory } from '../platform/regions.ts';

/**
 * Demo values for the 2021–2025 plan (演示数据, generated, never real statistics).
 *
 * The plan's own content — indicator names, units, targets, baselines and the 附件 register — is real
 * and comes from migration 0004; only the yearly values below are synthetic. For each indicator the
 * generator picks a "pace" (ahead / on track / slow / drifting back, fixed per indicator by a seeded
 * PRNG so every run gives the same numbers) and draws the city and district/county series from it:
 * - level indicators move from the baseline (or a plausible start) toward the target at that pace,
 *   with counties scattered around the city value;
 * - 新增 (increment) indicators add target/5 × pace per year, split across the counties by weight
 *   (the city figure is then the counties' sum, as region roll-up "sum" says);
 * - 累计 (cumulative) indicators grow from a start toward the target at that pace.
 * County targets for summed indicators are the city target split by the same weights; text targets
 * get a demo provincial reference series. 2021–2024 are approved; 2025 is partly still in review
 * (submitted / returned) so the review queue has work in it.
 */

const COUNTY_WEIGHTS: Record<string, number> = { '330502': 0.24, '330503': 0.17, '330521': 0.19, '330522': 0.22, '330523': 0.18 };
const PACES = [1.15, 1.08, 1.02, 1.0, 0.95, 0.85, 0.65, -0.2] as const;

/** mulberry32: a tiny deterministic PRNG (the demo must be the same on every machine). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const clamp = (x: number, lo: number | null, hi: number | null) => Math.min(hi ?? Number.POSITIVE_INFINITY, Math.max(lo ?? Number.NEGATIVE_INFINITY, x));

const REFERENCE: Record<string, { base: number; step: number }> = {
  服务质量满意度: { base: 80.6, step: 0.45 },
  地下水质量V类水比例: { base: 24, step: -0.8 },
  '化学需氧量五年削减比例(%)': { base: 0, step: 2.2 },
};

/** Shares `total` out by COUNTY_WEIGHTS; with 0 decimals in whole units by largest remainder, so the parts add up to the total. */
function splitByWeight(total: number, decimals: number, counties: { code: string }[]): Record<string, number> {
  const raw = counties.map((c) => ({ code: c.code, x: total * (COUNTY_WEIGHTS[c.code] ?? 0.2) }));
  if (decimals > 0) return Object.fromEntries(raw.map((r) => [r.code, round(r.x, decimals)]));
  const parts = raw.map((r) => ({ ...r, whole: Math.floor(r.x) }));
  let rest = Math.round(total) - parts.reduce((a, p) => a + p.whole, 0);
  for (const p of [...parts].sort((a, b) => b.x - b.whole - (a.x - a.whole))) {
    if (rest <= 0) break;
    p.whole += 1;
    rest -= 1;
  }
  return Object.fromEntries(parts.map((p) => [p.code, p.whole]));
}

interface ValueRow {
  indicator_id: string;
  region_code: string;
  year: number;
  value: number;
  status: 'approved' | 'submitted' | 'returned';
  return_reason: string | null;
  source_note: string;
  created_by: string | null;
  submitted_by: string | null;
  reviewed_by: string | null;
}

/** Writes the plan demo data; `users` maps demo usernames to ids (admin, wuxing, …). Returns row counts. */
export async function seedPlanDemo(trx: Db, regions: RegionDirectory, users: Record<string, string>): Promise<Record<string, number>> {
  const plan = await trx.selectFrom('plan_plan').selectAll().where('code', '=', 'huzhou-quality-2021-2025').executeTakeFirst();
  if (!plan) return {};
  const indicators = await trx.selectFrom('plan_indicator').selectAll().where('plan_id', '=', plan.id).orderBy('seq').execute();
  const counties = regions.all().filter((r) => r.level === 'county');
  const city = regions.all().find((r) => r.level === 'city');
  if (!city) return {};
  const officer: Record<string, string | undefined> = {
    '330502': users.wuxing,
    '330503': users.nanxun,
    '330521': users.deqing,
    '330522': users.changxing,
    '330523': users.anji,
  };
  const admin = users.admin ?? null;
  const rows: ValueRow[] = [];
  const years = [plan.base_year, ...Array.from({ length: plan.end_year - plan.start_year + 1 }, (_, i) => plan.start_year + i)];
  for (const ind of indicators) {
    const rand = prng(ind.seq * 7919);
    const pace = PACES[Math.floor(rand() * PACES.length)] ?? 1;
    const target = ind.target_value ?? (REFERENCE[ind.name] ? (REFERENCE[ind.name]?.base ?? 0) + 5 * (REFERENCE[ind.name]?.step ?? 0) : 0);
    const decimals = ind.decimals;
    const push = (regionCode: string, year: number, value: number) => {
      const lateReview = year === plan.end_year && regionCode !== city.code && (ind.seq + Number(regionCode.slice(-1))) % 7 === 0;
      const returned = lateReview && ind.seq % 2 === 0;
      const by = regionCode === city.code ? admin : (officer[regionCode] ?? admin);
      rows.push({
        indicator_id: ind.id,
        region_code: regionCode,
        year,
        value: round(clamp(value, ind.value_min, ind.value_max), decimals),
        status: lateReview ? (returned ? 'returned' : 'submitted') : 'approved',
        return_reason: returned ? '请补充数据来源说明及佐证材料（演示）' : null,
        source_note: `演示数据：${year}年${regions.get(regionCode)?.name ?? ''}统计（生成器 server/seed/plan-demo.ts）`,
        created_by: by,
        submitted_by: by,
        reviewed_by: lateReview && !returned ? null : admin,
      });
    };
    if (ind.accumulation === 'level') {
      const d = ind.direction === -1 ? -1 : 1;
      const start = ind.baseline_value ?? (target === 0 ? 1 : target * (d === 1 ? 0.86 : 1.15));
      for (const [k, year] of years.entries()) {
        const share = Math.min(1.05, (k / 5) * pace);
        const cityValue = k === 0 ? start : start + (target - start) * share + (rand() - 0.5) * Math.abs(target - start) * 0.08;
        if (ind.region_rollup === 'none') push(city.code, year, cityValue);
        for (const c of counties) {
          const spread = (rand() - 0.5) * Math.max(Math.abs(target - start) * 0.5, Math.abs(start) * 0.03);
          push(c.code, year, ind.region_rollup === 'none' ? cityValue + spread : (cityValue + spread) * (COUNTY_WEIGHTS[c.code] ?? 0.2));
        }
      }
    } else if (ind.accumulation === 'increment') {
      // Running city total, rounded to the unit, shared out whole (a county adds whole 项/个, not 0.4 of one).
      let cumulative = 0;
      let before: Record<string, number> = {};
      for (const year of years.slice(1)) {
        cumulative += (target / 5) * Math.max(0, pace + (rand() - 0.5) * 0.3);
        const shares = splitByWeight(round(cumulative, decimals), decimals, counties);
        for (const c of counties) push(c.code, year, Math.max(0, (shares[c.code] ?? 0) - (before[c.code] ?? 0)));
        before = shares;
      }
    } else {
      const start = ind.baseline_value ?? target * (0.3 + rand() * 0.2);
      for (const [k, year] of years.entries()) {
        const total = start + (target - start) * Math.min(1.1, (k / 5) * Math.max(0.1, pace));
        if (ind.region_rollup === 'none') push(city.code, year, total);
        else {
          const shares = splitByWeight(round(total, decimals), decimals, counties);
          for (const c of counties) push(c.code, year, shares[c.code] ?? 0);
        }
      }
    }
    if (ind.region_rollup === 'sum' && ind.target_value !== null) {
      const shares = splitByWeight(ind.target_value, decimals, counties);
      for (const c of counties) {
        // A county whose share of a small target rounds to nothing gets no target (its status says so).
        if (!shares[c.code]) continue;
        await trx
          .insertInto('plan_region_target')
          .values({
            indicator_id: ind.id,
            region_code: c.code,
            target_value: shares[c.code] ?? 0,
            updated_by: admin,
          })
          .onConflict((oc) => oc.columns(['indicator_id', 'region_code']).doNothing())
          .execute();
      }
    }
    // Responsible unit per county: the county counterpart of the lead unit (市生态环境局 → 吴兴区生态环境局), demo only.
    if (ind.lead_unit?.startsWith('市')) {
      await trx
        .insertInto('plan_indicator_unit')
        .values(counties.map((c) => ({ indicator_id: ind.id, region_code: c.code, unit_name: `${c.name}${ind.lead_unit?.slice(1) ?? ''}` })))
        .onConflict((oc) => oc.columns(['indicator_id', 'region_code']).doNothing())
        .execute();
    }
    const ref = REFERENCE[ind.name];
    if (ind.target_text !== null && ref) {
      for (const [k, year] of years.entries()) {
        await trx
          .insertInto('plan_reference_value')
          .values({ indicator_id: ind.id, year, value: round(ref.base + ref.step * k, 2), source: '演示数据：省级参考值（生成器）', updated_by: admin })
          .onConflict((oc) => oc.columns(['indicator_id', 'year']).doNothing())
          .execute();
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('plan_value')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          ...r,
          period: 'Y',
          version: 1,
          is_demo: true,
          submitted_at: new Date(Date.UTC(r.year + 1, 2, 15)),
          reviewed_at: r.reviewed_by ? new Date(Date.UTC(r.year + 1, 3, 10)) : null,
        })),
      )
      .execute();
  }
  const milestones = await seedProjectDemo(trx, plan.id, admin);
  await logProgress(
    trx,
    regions,
    plan.id,
    indicators.map((i) => i.id),
    [city.code, ...counties.map((c) => c.code)],
    '演示数据生成 / demo data loaded',
  );
  // A frozen mid-term evaluation (2023 data) and a draft final evaluation (2025 data).
  const midterm: EvaluationSnapshot = await buildSnapshot(trx, regions, plan.id, {
    kind: 'midterm',
    dataYear: 2023,
    asOf: '2024-06-30',
    frozenAt: '2024-06-30T08:00:00.000Z',
  });
  await trx
    .insertInto('plan_evaluation')
    .values([
      {
        plan_id: plan.id,
        kind: 'midterm',
        data_year: 2023,
        as_of: '2024-06-30',
        title: '湖州市质量发展“十四五”规划中期评估（演示）',
        narrative: '演示数据：本评估依据 2021–2023 年已发布的指标数据，按统一的进展测算方法生成，用于展示中期评估功能。',
        status: 'frozen',
        method_version: midterm.methodVersion,
        snapshot: JSON.stringify(midterm),
        created_by: admin,
        frozen_by: admin,
        frozen_at: new Date('2024-06-30T08:00:00.000Z'),
      },
      {
        plan_id: plan.id,
        kind: 'final',
        data_year: 2025,
        as_of: '2026-06-30',
        title: '湖州市质量发展“十四五”规划终期评估（演示草稿）',
        narrative: '演示数据：终期评估草稿，待 2025 年数据全部审核发布后冻结。',
        created_by: admin,
      },
    ])
    .execute();
  return { values: rows.length, milestones };
}

async function seedProjectDemo(trx: Db, planId: string, admin: string | null): Promise<number> {
  const projects = await trx.selectFrom('plan_project').select(['id', 'kind', 'seq']).where('plan_id', '=', planId).orderBy('kind').orderBy('seq').execute();
  let count = 0;
  for (const [i, p] of projects.entries()) {
    const plan = [
      { title: '制定实施方案并印发（演示）', due: `2021-${String(3 + (i % 9)).padStart(2, '0')}-30`, done: true },
      { title: '完成中期建设任务并开展评估（演示）', due: `2023-${String(4 + (i % 8)).padStart(2, '0')}-30`, done: i % 5 !== 0 },
      { title: '全面完成“十四五”建设任务并通过验收（演示）', due: '2025-12-31', done: i % 5 !== 0 },
      { title: '形成长效机制并总结推广（演示）', due: `2027-${String(3 + (i % 6)).padStart(2, '0')}-30`, done: false },
    ];
    for (const m of plan) {
      await trx
        .insertInto('plan_milestone')
        .values({ project_id: p.id, title: m.title, due_date: m.due, completed_at: m.done ? m.due : null, is_demo: true })
        .execute();
      count += 1;
    }
    const status = i % 5 === 0 ? 'delayed' : i % 3 === 0 ? 'completed' : 'in_progress';
    await trx.updateTable('plan_project').set({ status }).where('id', '=', p.id).execute();
    await trx
      .insertInto('plan_project_update')
      .values({
        project_id: p.id,
        content: '演示数据：按计划推进，年度任务已完成阶段性目标，下一步将加强部门协同。',
        status_after: status,
        is_demo: true,
        created_by: admin,
        created_at: new Date('2025-12-20T02:00:00.000Z'),
      })
      .execute();
  }
  return count;
}
