import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentResult, Evaluation, Indicator, IndicatorProgress, IndicatorValue, Plan, ProgressLogEntry } from '../../../common/plan-api.ts';
import { buildTestApp, type Client, type TestApp } from '../../test-support/app.ts';
import { DB_KINDS } from '../../test-support/db.ts';

describe.each(DB_KINDS)('progress, evaluations and assessment on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let plan: Plan;
  let indicators: Indicator[];
  beforeAll(async () => {
    t = await buildTestApp(kind);
    admin = await t.login('admin');
    plan = (await admin.get('/api/v1/plans')).json().items[0];
    indicators = (await admin.get(`/api/v1/plans/${plan.id}/indicators`)).json().items;
  });
  afterAll(() => t.close());

  const byCode = (code: string) => {
    const found = indicators.find((i) => i.code === code);
    if (!found) throw new Error(code);
    return found;
  };

  it('computes progress from published values with the method and its version', async () => {
    const items: IndicatorProgress[] = (await admin.get(`/api/v1/plans/${plan.id}/progress?year=2023`)).json().items;
    expect(items).toHaveLength(44);
    const pm = items.find((p) => p.indicatorCode === 'I25');
    expect(pm).toMatchObject({ regionCode: '330500', baseValue: 26, targetValue: 25, targetSource: 'plan', currentYear: 2023 });
    expect(pm?.progress.methodVersion).toBe('1.0.0');
    const increment = items.find((p) => p.indicatorCode === 'I04');
    expect(increment?.progress.method).toBe('increment-linear');
    // 新增: the plan-to-date sum of the counties' yearly additions (the city figure is summed).
    expect(increment?.summedFromCounties).toBe(true);
    expect(increment?.currentValue).toBeCloseTo(increment?.series.filter((p) => p.year > 2020).reduce((a, p) => a + p.value, 0) ?? Number.NaN, 6);
    // A text target resolves against the reference (provincial) series.
    expect(items.find((p) => p.indicatorCode === 'I13')?.targetSource).toBe('reference');
  });

  it('a county officer sees its own county only', async () => {
    const wuxing = await t.login('wuxing');
    const items: IndicatorProgress[] = (await wuxing.get(`/api/v1/plans/${plan.id}/progress?year=2024`)).json().items;
    expect(new Set(items.map((i) => i.regionCode))).toEqual(new Set(['330502']));
    expect((await wuxing.get(`/api/v1/plans/${plan.id}/progress?regionCode=330503`)).statusCode).toBe(404);
    const dash = (await wuxing.get(`/api/v1/plans/${plan.id}/dashboard?year=2024`)).json();
    expect(dash.heatmap.map((h: { regionCode: string }) => h.regionCode)).toEqual(['330502']);
  });

  it('the dashboard counts statuses per category and maps regions × indicators', async () => {
    const dash = (await admin.get(`/api/v1/plans/${plan.id}/dashboard?year=2024`)).json();
    expect(dash.statusCounts.map((c: { category: string }) => c.category)).toEqual(['产品质量', '服务质量', '工程质量', '环境质量', '综合指标']);
    const total = dash.statusCounts.reduce((a: number, c: { counts: Record<string, number> }) => a + Object.values(c.counts).reduce((x, y) => x + y, 0), 0);
    expect(total).toBe(44);
    expect(dash.heatmap).toHaveLength(6);
    expect(Object.keys(dash.heatmap[0].statuses)).toHaveLength(44);
    expect(dash.pendingReview).toBeGreaterThan(0);
    expect(dash.demo).toBe(true);
  });

  it('a frozen evaluation does not move when a value is corrected; a draft does', async () => {
    const created = await admin.post(`/api/v1/plans/${plan.id}/evaluations`, {
      kind: 'annual',
      dataYear: 2024,
      asOf: '2025-06-30',
      title: '2024年度评估',
      narrative: '年度评估',
    });
    expect(created.statusCode).toBe(201);
    const draft: Evaluation = created.json();
    const frozen: Evaluation = (await admin.post(`/api/v1/evaluations/${draft.id}/freeze`)).json();
    expect(frozen.status).toBe('frozen');
    expect(frozen.snapshot.rows).toHaveLength(44);
    const before = frozen.snapshot.rows.find((r) => r.code === 'I26');

    const other: Evaluation = (
      await admin.post(`/api/v1/plans/${plan.id}/evaluations`, { kind: 'annual', dataYear: 2024, asOf: '2025-07-01', title: '草稿' })
    ).json();
    // Correct the city's 2024 air-quality value and publish the correction.
    const air = byCode('I26');
    const corrected: IndicatorValue = (
      await admin.post(`/api/v1/plans/${plan.id}/values`, {
        indicatorId: air.id,
        regionCode: '330500',
        year: 2024,
        value: 60,
        correctionReason: '统计口径修订',
      })
    ).json();
    await admin.post(`/api/v1/values/${corrected.id}/submit`);
    expect((await admin.post(`/api/v1/values/${corrected.id}/approve`)).json().status).toBe('approved');

    const again: Evaluation = (await admin.get(`/api/v1/evaluations/${draft.id}`)).json();
    expect(again.snapshot.rows.find((r) => r.code === 'I26')).toEqual(before);
    expect(again.snapshot).toEqual(frozen.snapshot);
    const live: Evaluation = (await admin.get(`/api/v1/evaluations/${other.id}`)).json();
    expect(live.snapshot.rows.find((r) => r.code === 'I26')?.latestValue).toBe(60);

    expect((await admin.patch(`/api/v1/evaluations/${draft.id}`, { narrative: 'x' })).statusCode).toBe(409);

    // A published 2025 correction moves the city's current result: the log gets a row with its cause and method version.
    const before2025: ProgressLogEntry[] = (await admin.get(`/api/v1/indicators/${air.id}/progress-log`)).json().items;
    expect(before2025.some((l) => l.cause.startsWith('演示数据生成'))).toBe(true);
    const fix: IndicatorValue = (
      await admin.post(`/api/v1/plans/${plan.id}/values`, {
        indicatorId: air.id,
        regionCode: '330500',
        year: 2025,
        value: 55,
        correctionReason: '统计口径修订',
      })
    ).json();
    await admin.post(`/api/v1/values/${fix.id}/submit`);
    await admin.post(`/api/v1/values/${fix.id}/approve`);
    const log: ProgressLogEntry[] = (await admin.get(`/api/v1/indicators/${air.id}/progress-log`)).json().items;
    expect(log.length).toBe(before2025.length + 1);
    expect(log[0]).toMatchObject({
      regionCode: '330500',
      dataYear: 2025,
      currentValue: 55,
      status: 'deterioration',
      method: 'statcan-2.4',
      methodVersion: '1.0.0',
    });
    expect(log[0]?.cause).toContain(fix.id);
    expect((await admin.post(`/api/v1/evaluations/${draft.id}/freeze`)).statusCode).toBe(409);
  });

  it('downloads an evaluation as xlsx with Chinese sheets and as a PDF', async () => {
    const list: Evaluation[] = (await admin.get(`/api/v1/plans/${plan.id}/evaluations`)).json().items;
    const midterm = list.find((e) => e.kind === 'midterm');
    if (!midterm) throw new Error('no demo midterm evaluation');
    const xlsx = await admin.get(`/api/v1/evaluations/${midterm.id}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['概览', '指标明细', '滞后指标']));
    const pdf = await admin.get(`/api/v1/evaluations/${midterm.id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('scores and ranks the counties under a versioned rubric; a county sees only its own sheet', async () => {
    const result: AssessmentResult = (await admin.get(`/api/v1/plans/${plan.id}/assessment/2024`)).json();
    expect(result.rubric.version).toBe(0);
    expect(result.regions).toHaveLength(5);
    expect(result.regions.map((r) => r.rank)).toEqual([...result.regions.map((r) => r.rank)].sort((a, b) => a - b));
    for (const r of result.regions) {
      const sum = Math.round(r.lines.reduce((a, l) => a + l.points, 0) * 100) / 100;
      expect(r.base).toBeCloseTo(sum, 2);
      expect(r.total).toBeCloseTo(r.base + r.bonus - r.penalty, 2);
    }
    const weights = Object.fromEntries(indicators.map((i) => [i.id, i.code === 'I25' ? 10 : 2]));
    const points = { target_achieved: 1, on_track: 0.8, moderate_progress: 0.6, limited_progress: 0.3, deterioration: 0, not_available: 0 };
    const saved = await admin.request({
      method: 'PUT',
      url: `/api/v1/plans/${plan.id}/assessment/2024/rubric`,
      payload: { weights, statusPoints: points, note: '2024年度细则' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    const bonus = await admin.post(`/api/v1/plans/${plan.id}/assessment/2024/adjustments`, {
      regionCode: '330521',
      kind: 'bonus',
      points: 3,
      reason: '获评省质量强县',
    });
    expect(bonus.statusCode).toBe(201);
    const after: AssessmentResult = (await admin.get(`/api/v1/plans/${plan.id}/assessment/2024`)).json();
    expect(after.rubric.version).toBe(1);
    const deqing = after.regions.find((r) => r.regionCode === '330521');
    expect(deqing?.bonus).toBe(3);
    expect(deqing?.lines.find((l) => l.code === 'I25')?.weight).toBe(10);

    const wuxing = await t.login('wuxing');
    const own: AssessmentResult = (await wuxing.get(`/api/v1/plans/${plan.id}/assessment/2024`)).json();
    expect(own.regions.map((r) => r.regionCode)).toEqual(['330502']);
    expect(
      (await wuxing.request({ method: 'PUT', url: `/api/v1/plans/${plan.id}/assessment/2024/rubric`, payload: { weights, statusPoints: points } })).statusCode,
    ).toBe(403);
    const badPoints = await admin.request({
      method: 'PUT',
      url: `/api/v1/plans/${plan.id}/assessment/2024/rubric`,
      payload: { weights, statusPoints: { ...points, on_track: 2 } },
    });
    expect(badPoints.statusCode).toBe(400);
    expect(badPoints.json().error.details[0].field).toBe('body.statusPoints.on_track');
  });
});
