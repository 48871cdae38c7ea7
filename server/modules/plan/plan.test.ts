import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, KeyProject, Plan } from '../../../common/plan-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

const SEED = path.resolve(import.meta.dirname, '../../../../shared/seeds/000_bcf92bb41f96abcb.txt');
const CATEGORIES = new Set(['产品质量', '服务质量', '工程质量', '环境质量', '综合指标']);
const SUB_CATEGORIES = new Set(['质量建设', '标准建设', '品牌建设']);

interface SeedRow {
  category: string;
  subCategory: string | null;
  name: string;
  unit: string;
  target: string;
}

/** 表1 as printed in the plan: category and sub-category cells are written once per group. */
function readTable1(): SeedRow[] {
  const lines = fs.readFileSync(SEED, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('表1'));
  const rows: SeedRow[] = [];
  let category = '';
  let subCategory: string | null = null;
  for (const line of lines.slice(start + 2)) {
    if (!line.includes('|')) break;
    const cells = line
      .split('|')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (cells[0] && CATEGORIES.has(cells[0])) {
      category = cells.shift() ?? '';
      subCategory = null;
    }
    if (cells[0] && SUB_CATEGORIES.has(cells[0])) subCategory = cells.shift() ?? null;
    const [name = '', unit = '', target = ''] = cells;
    // Line breaks inside a printed cell come out as spaces ("万平 方米", "达到省均 目标值").
    rows.push({ category, subCategory, name, unit: unit.replace(/\s+/g, ''), target: target.replace(/\s+/g, '') });
  }
  return rows;
}

describe.each(DB_KINDS)('plan and indicators on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let plan: Plan;
  let indicators: Indicator[];
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    plan = (await admin.get('/api/v1/plans')).json().items.find((p: Plan) => p.code === 'huzhou-quality-2021-2025');
    indicators = (await admin.get(`/api/v1/plans/${plan.id}/indicators`)).json().items;
  });
  afterAll(() => t.close());

  it('lists the seeded 十四五 plan with its period', async () => {
    expect(plan.name).toContain('十四五');
    expect(plan).toMatchObject({ baseYear: 2020, startYear: 2021, endYear: 2025, indicatorCount: 44 });
    expect((await t.anonymous.get('/api/v1/plans')).statusCode).toBe(401);
  });

  it('holds the 44 indicators of 表1 exactly as the plan prints them', () => {
    const table = readTable1();
    expect(table).toHaveLength(44);
    expect(indicators).toHaveLength(44);
    indicators.forEach((ind, i) => {
      const row = table[i];
      expect(row, ind.name).toBeDefined();
      if (!row) return;
      expect({ category: ind.category, subCategory: ind.subCategory, name: ind.name, unit: ind.unit }).toEqual({
        category: row.category,
        subCategory: row.subCategory,
        name: row.name,
        unit: row.unit,
      });
      if (/^[\d.]+$/.test(row.target)) expect(ind.target).toEqual({ value: Number(row.target) });
      else expect(ind.target).toEqual({ text: row.target });
      expect(ind.targetYear).toBe(2025);
    });
  });

  it('classifies direction, accumulation and roll-up and keeps stated baselines with their source', () => {
    const byName = (n: string) => {
      const found = indicators.find((i) => i.name === n);
      if (!found) throw new Error(n);
      return found;
    };
    expect(byName('城市细颗粒物(PM2.5)平均浓度')).toMatchObject({
      direction: 'lower_is_better',
      accumulation: 'level',
      regionRollup: 'none',
      baseline: { year: 2020, value: 26 },
    });
    expect(byName('城市空气质量优良天数比率').baseline.value).toBe(73.9);
    expect(byName('主要农产品质量安全省级监测合格率').baseline.value).toBe(98);
    expect(byName('通过绿色认证企业')).toMatchObject({ accumulation: 'cumulative', regionRollup: 'sum', baseline: { value: 83 } });
    expect(byName('竣工工程质量验收一次验收合格率').baseline.value).toBe(100);
    expect(byName('市控以上地表水监测断面III类及以上水质比例').baseline.value).toBe(100);
    expect(byName('制定“浙江制造”标准(新增)')).toMatchObject({ accumulation: 'increment', regionRollup: 'sum' });
    expect(byName('单项冠军企业数量(累计)').accumulation).toBe('cumulative');
    expect(byName('服务质量满意度').target).toEqual({ text: '达到省均目标值' });
    for (const ind of indicators.filter((i) => i.baseline.value !== null)) expect(ind.baseline.source, ind.name).toMatch(/规划/);
    for (const ind of indicators.filter((i) => i.unit === '%')) expect([ind.valueMin, ind.valueMax], ind.name).toEqual([0, 100]);
  });

  it('lets only the city change an indicator, and audits it', async () => {
    const pm = indicators.find((i) => i.code === 'I25');
    if (!pm) throw new Error('I25');
    const wuxing = await t.login('wuxing');
    expect((await wuxing.patch(`/api/v1/indicators/${pm.id}`, { leadUnit: 'x' })).statusCode).toBe(403);
    const res = await admin.patch(`/api/v1/indicators/${pm.id}`, { responsibleUnits: { '330502': '吴兴区生态环境分局' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().responsibleUnits['330502']).toBe('吴兴区生态环境分局');
    const bad = await admin.patch(`/api/v1/indicators/${pm.id}`, { direction: -1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.direction');
    const audit = (await admin.get(`/api/v1/audit?entityId=${pm.id}`)).json();
    expect(audit.items[0].action).toBe('plan.indicator.update');
  });

  it('creates a second plan and its indicators', async () => {
    const res = await admin.post('/api/v1/plans', {
      code: 'huzhou-quality-2026-2030',
      name: '湖州市质量发展“十五五”规划',
      baseYear: 2025,
      startYear: 2026,
      endYear: 2030,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const ind = await admin.post(`/api/v1/plans/${id}/indicators`, {
      code: 'I01',
      seq: 1,
      category: '产品质量',
      name: '制造业产品质量合格率',
      unit: '%',
      targetValue: 95,
      targetYear: 2030,
      direction: 'higher_is_better',
      accumulation: 'level',
      regionRollup: 'none',
      valueMin: 0,
      valueMax: 100,
    });
    expect(ind.statusCode).toBe(201);
    // A new plan is a draft (not on the public page) until the city makes it active.
    expect(res.json().status).toBe('draft');
    expect((await t.anonymous.get('/api/v1/public/plans')).json().items.map((p: Plan) => p.id)).not.toContain(id);
    const activated = await admin.patch(`/api/v1/plans/${id}`, { status: 'active' });
    expect(activated.json()).toMatchObject({ status: 'active', indicatorCount: 1 });
    expect((await (await t.login('wuxing')).patch(`/api/v1/plans/${id}`, { status: 'closed' })).statusCode).toBe(403);
    // Unknown fields are refused, not dropped; a taken code is a conflict.
    const unknown = await admin.post(`/api/v1/plans/${id}/indicators`, { ...(ind.json() as object) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.map((d: { field: string }) => d.field)).toContain('body.id');
    const dup = await admin.post('/api/v1/plans', { code: 'huzhou-quality-2026-2030', name: 'x', baseYear: 2025, startYear: 2026, endYear: 2030 });
    expect(dup.statusCode).toBe(409);
    const badPeriod = await admin.post('/api/v1/plans', { code: 'bad-period', name: 'x', baseYear: 2026, startYear: 2026, endYear: 2030 });
    expect(badPeriod.json().error.details[0].field).toBe('body.startYear');
  });

  it('enters a new plan through the indicator workbook: export, dry run, import, per-cell errors', async () => {
    const created = await admin.post('/api/v1/plans', {
      code: 'xlsx-plan-2026-2030',
      name: '测试规划（2026～2030年）',
      baseYear: 2025,
      startYear: 2026,
      endYear: 2030,
    });
    const target = created.json().id;
    const exported = await admin.get(`/api/v1/plans/${plan.id}/indicators.xlsx`);
    expect(exported.statusCode).toBe(200);
    const fileBase64 = exported.rawPayload.toString('base64');
    const dry = (await admin.post(`/api/v1/plans/${target}/indicators/import`, { fileBase64, dryRun: true })).json();
    expect(dry).toMatchObject({ rowsRead: 44, rowsValid: 44, rowsImported: 0, errors: [] });
    expect((await admin.get(`/api/v1/plans/${target}/indicators`)).json().items).toHaveLength(0);
    const real = (await admin.post(`/api/v1/plans/${target}/indicators/import`, { fileBase64 })).json();
    expect(real.rowsImported).toBe(44);
    const copied: Indicator[] = (await admin.get(`/api/v1/plans/${target}/indicators`)).json().items;
    expect(copied.map((i) => [i.code, i.name, i.unit, i.target, i.direction, i.accumulation, i.regionRollup])).toEqual(
      indicators.map((i) => [i.code, i.name, i.unit, i.target, i.direction, i.accumulation, i.regionRollup]),
    );
    const wuxing = await t.login('wuxing');
    expect((await wuxing.post(`/api/v1/plans/${target}/indicators/import`, { fileBase64 })).statusCode).toBe(403);
    expect(real.warnings[0].message).toMatch(/目标年 2025 不在规划期 2026–2030 内/);
    expect((await admin.patch(`/api/v1/plans/${target}`, { status: 'active' })).statusCode).toBe(200);
    const garbage = await admin.post(`/api/v1/plans/${target}/indicators/import`, { fileBase64: Buffer.from('x').toString('base64') });
    expect(garbage.statusCode).toBe(400);
  });

  it('reports a 序号 already used by another indicator as a cell error, and imports the rest on request', async () => {
    const other = (await admin.post('/api/v1/plans', { code: 'seq-clash-plan', name: '序号冲突测试', baseYear: 2025, startYear: 2026, endYear: 2030 })).json()
      .id;
    const x01 = await admin.post(`/api/v1/plans/${other}/indicators`, {
      code: 'X01',
      seq: 1,
      category: '产品质量',
      name: '自定义指标',
      unit: '%',
      targetValue: 90,
      targetYear: 2030,
      direction: 'higher_is_better',
      accumulation: 'level',
      regionRollup: 'none',
    });
    expect(x01.statusCode).toBe(201);
    const fileBase64 = (await admin.get(`/api/v1/plans/${plan.id}/indicators.xlsx`)).rawPayload.toString('base64');
    const dry = await admin.post(`/api/v1/plans/${other}/indicators/import`, { fileBase64, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors).toEqual([expect.objectContaining({ field: 'seq', rule: 'duplicate', cell: expect.stringMatching(/^B\d+$/) })]);
    expect(dry.json().errors[0].message).toContain('X01');
    const partial = (await admin.post(`/api/v1/plans/${other}/indicators/import`, { fileBase64, mode: 'valid_only' })).json();
    expect(partial.rowsImported).toBe(43);
  });

  it('seeds the 附件 register: 8 reforms, 15 projects, 3 platforms, 4 policies', async () => {
    const items: KeyProject[] = (await admin.get(`/api/v1/plans/${plan.id}/projects`)).json().items;
    const count = (k: string) => items.filter((p) => p.kind === k).length;
    expect([count('reform'), count('project'), count('platform'), count('policy')]).toEqual([8, 15, 3, 4]);
    expect(items.find((p) => p.kind === 'reform' && p.seq === 8)?.name).toBe('迭代升级“亩均”改革');
    expect(items.find((p) => p.kind === 'platform' && p.seq === 3)?.description).toContain('浙食链');
  });

  it('tracks milestones and flags overdue ones', async () => {
    const items: KeyProject[] = (await admin.get(`/api/v1/plans/${plan.id}/projects?kind=policy`)).json().items;
    const project = items[0];
    if (!project) throw new Error('no policy');
    const added = await admin.post(`/api/v1/projects/${project.id}/milestones`, { title: '出台配套细则', dueDate: '2020-01-31' });
    expect(added.statusCode).toBe(201);
    const milestone = added.json().milestones.find((m: { title: string }) => m.title === '出台配套细则');
    expect(milestone.overdue).toBe(true);
    const done = await admin.patch(`/api/v1/milestones/${milestone.id}`, { completedAt: '2020-01-30' });
    expect(done.json().milestones.find((m: { id: string }) => m.id === milestone.id).overdue).toBe(false);
    const update = await admin.post(`/api/v1/projects/${project.id}/updates`, { content: '已召开推进会', statusAfter: 'in_progress' });
    expect(update.json()).toMatchObject({ status: 'in_progress' });
    const wuxing = await t.login('wuxing');
    expect((await wuxing.post(`/api/v1/projects/${project.id}/updates`, { content: 'x', statusAfter: 'completed' })).statusCode).toBe(400);
    expect((await wuxing.patch(`/api/v1/projects/${project.id}`, { status: 'completed' })).statusCode).toBe(403);
  });

  it('serves the progress calculator publicly', async () => {
    const res = await t.anonymous.post('/api/v1/progress/measure', {
      baseYear: 2020,
      baseValue: 30,
      currentYear: 2023,
      currentValue: 28.5,
      targetYear: 2025,
      target: 27,
      direction: -1,
      limit: null,
      accumulation: 'level',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('moderate_progress');
    expect(body.progressValue).toBeCloseTo(0.813, 3);
    expect(body.method).toBe('statcan-2.4');
    // What value in 2024 keeps PM2.5 on track (R ≥ 0.95)? y0·(1 − 0.95·|CAGR_r|)^4 with CAGR_r = 0.9^(1/5) − 1.
    const cagrR = 0.9 ** (1 / 5) - 1;
    expect(body.requiredNextValue.year).toBe(2024);
    expect(body.requiredNextValue.value).toBeCloseTo(30 * (1 - 0.95 * Math.abs(cagrR)) ** 4, 6);
    const bad = await t.anonymous.post('/api/v1/progress/measure', { baseYear: 2020 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('body.baseValue');
  });

  it('the public calculator reproduces all 379 published StatCan series', async () => {
    const vectors = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../../../shared/fixtures/progress/statcan-progress-vectors.json'), 'utf8'),
    );
    const statusOf: Record<string, string> = { substantial_progress: 'on_track' };
    const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
    const mismatches: string[] = [];
    for (const v of vectors.series) {
      const i = v.input;
      const res = await t.anonymous.post('/api/v1/progress/measure', {
        baseYear: i.base_year,
        baseValue: i.base_value,
        currentYear: i.current_year,
        currentValue: i.current_value,
        targetYear: i.target_year,
        target: i.target,
        direction: i.direction,
        limit: i.limit,
        accumulation: 'level',
      });
      const r = res.json();
      const ok =
        res.statusCode === 200 &&
        r.status === (statusOf[v.expected.status] ?? v.expected.status) &&
        close(r.score, v.expected.score) &&
        close(r.progressValue, v.expected.progress_value);
      if (!ok) mismatches.push(`${v.series}: ${res.statusCode} ${r.status} ${r.score}`);
    }
    expect(vectors.series).toHaveLength(379);
    expect(mismatches).toEqual([]);
  });

  it('publishes approved city values and statuses without login, and nothing unapproved', async () => {
    const res = await t.anonymous.get(`/api/v1/public/plans/${plan.id}/indicators`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(44);
    expect(body.demo).toBe(true);
    const pm = body.items.find((i: { code: string }) => i.code === 'I25');
    expect(pm.latestYear).toBe(2025);
    expect(typeof pm.latestValue).toBe('number');
    expect(JSON.stringify(body)).not.toMatch(/submitted|returned|draft/);
  });
});
