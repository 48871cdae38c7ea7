/**
 * Test data for the report builders: realistic rows of 表1 (湖州市质量发展"十四五"规划) with made-up values.
 * Only tests import this file.
 */
import type { Accumulation, Direction, EvaluationIndicatorRow, EvaluationSnapshot, Indicator, ProgressStatus, Target } from '../../../../common/plan-api.ts';
import { zeroCounts } from './status-labels.ts';

export const REGIONS = [
  { regionCode: '330502', regionName: '吴兴区' },
  { regionCode: '330503', regionName: '南浔区' },
  { regionCode: '330521', regionName: '德清县' },
  { regionCode: '330522', regionName: '长兴县' },
  { regionCode: '330523', regionName: '安吉县' },
] as const;

function regionsAll(status: ProgressStatus, latestValue: number | null): EvaluationIndicatorRow['regions'] {
  return REGIONS.map((r) => ({ ...r, latestValue, status }));
}

export function buildRow(overrides: Partial<EvaluationIndicatorRow> = {}): EvaluationIndicatorRow {
  return {
    indicatorId: 'ind-I01',
    code: 'I01',
    category: '产品质量',
    subCategory: null,
    name: '主要农产品质量安全省级监测合格率',
    unit: '%',
    target: { value: 98 },
    targetValue: 98,
    baseline: 97.2,
    latestValue: 97.8,
    latestYear: 2023,
    series: [
      { year: 2021, value: 97.4 },
      { year: 2022, value: 97.6 },
      { year: 2023, value: 97.8 },
    ],
    status: 'on_track',
    progressValue: 1.02,
    score: 3.0,
    currentStatusShare: 0.75,
    forecast: 98.2,
    method: 'statcan-2.4',
    leadUnit: '市农业农村局',
    regions: regionsAll('on_track', 97.5),
    ...overrides,
  };
}

/** Six rows covering a text target, lower-is-better PM2.5, an increment (新增), a cumulative and a no-data row. */
export function buildRows(): EvaluationIndicatorRow[] {
  return [
    buildRow(),
    buildRow({
      indicatorId: 'ind-I04',
      code: 'I04',
      name: '制定“浙江制造”标准(新增)',
      unit: '项',
      target: { value: 200 },
      targetValue: 200,
      baseline: 0,
      latestValue: 125,
      latestYear: 2023,
      series: [
        { year: 2021, value: 35 },
        { year: 2022, value: 42 },
        { year: 2023, value: 48 },
      ],
      status: 'moderate_progress',
      progressValue: 0.83,
      score: 1.7,
      currentStatusShare: 0.625,
      forecast: 205,
      method: 'increment-linear',
      leadUnit: '市市场监管局',
      regions: [
        { regionCode: '330502', regionName: '吴兴区', latestValue: 30, status: 'on_track' },
        { regionCode: '330503', regionName: '南浔区', latestValue: 20, status: 'moderate_progress' },
        { regionCode: '330521', regionName: '德清县', latestValue: 25, status: 'moderate_progress' },
        { regionCode: '330522', regionName: '长兴县', latestValue: 28, status: 'on_track' },
        { regionCode: '330523', regionName: '安吉县', latestValue: 22, status: 'limited_progress' },
      ],
    }),
    buildRow({
      indicatorId: 'ind-I12',
      code: 'I12',
      name: '单项冠军企业数量(累计)',
      unit: '项',
      target: { value: 15 },
      targetValue: 15,
      baseline: 8,
      latestValue: 7,
      latestYear: 2023,
      series: [
        { year: 2021, value: 8 },
        { year: 2022, value: 8 },
        { year: 2023, value: 7 },
      ],
      status: 'deterioration',
      progressValue: -0.1,
      score: -2.9,
      currentStatusShare: -0.14,
      forecast: 6.5,
      method: 'linear-share',
      leadUnit: '市经信局',
      regions: regionsAll('deterioration', 1),
    }),
    buildRow({
      indicatorId: 'ind-I13',
      code: 'I13',
      category: '服务质量',
      name: '服务质量满意度',
      unit: '分',
      target: { text: '达到省均' },
      targetValue: 84.5,
      baseline: 82.1,
      latestValue: 83,
      latestYear: 2023,
      series: [
        { year: 2021, value: 82.5 },
        { year: 2023, value: 83 },
      ],
      status: 'limited_progress',
      progressValue: 0.4,
      score: -0.8,
      currentStatusShare: 0.375,
      forecast: 83.6,
      leadUnit: '市发改委',
      regions: regionsAll('not_available', null),
    }),
    buildRow({
      indicatorId: 'ind-I25',
      code: 'I25',
      category: '环境质量',
      name: '城市细颗粒物(PM2.5)平均浓度',
      unit: '微克/立方米',
      target: { value: 25 },
      targetValue: 25,
      baseline: 30,
      latestValue: 24,
      latestYear: 2023,
      series: [
        { year: 2020, value: 30 },
        { year: 2021, value: 28 },
        { year: 2022, value: 27 },
        { year: 2023, value: 24 },
      ],
      status: 'target_achieved',
      progressValue: 1.3,
      score: 5,
      currentStatusShare: 1.2,
      forecast: 22.5,
      leadUnit: '市生态环境局',
      regions: regionsAll('target_achieved', 24),
    }),
    buildRow({
      indicatorId: 'ind-I27',
      code: 'I27',
      category: '环境质量',
      name: '地下水质量V类水比例',
      target: { text: '达到省指标' },
      targetValue: null,
      baseline: null,
      latestValue: null,
      latestYear: null,
      series: [],
      status: 'not_available',
      progressValue: null,
      score: null,
      currentStatusShare: null,
      forecast: null,
      leadUnit: null,
      regions: regionsAll('not_available', null),
    }),
  ];
}

export function countsByCategory(rows: EvaluationIndicatorRow[]): EvaluationSnapshot['categories'] {
  const byCategory = new Map<string, Record<ProgressStatus, number>>();
  for (const row of rows) {
    let counts = byCategory.get(row.category);
    if (!counts) {
      counts = zeroCounts();
      byCategory.set(row.category, counts);
    }
    counts[row.status] += 1;
  }
  return [...byCategory].map(([category, counts]) => ({ category, counts }));
}

const LAGGING: readonly ProgressStatus[] = ['limited_progress', 'deterioration'];

export function buildSnapshot(rows: EvaluationIndicatorRow[] = buildRows(), overrides: Partial<EvaluationSnapshot> = {}): EvaluationSnapshot {
  return {
    planName: '湖州市质量发展“十四五”规划（2021—2025年）',
    kind: 'midterm',
    dataYear: 2023,
    asOf: '2024-06-30',
    methodVersion: 'statcan-2.4/1',
    frozenAt: '2024-07-15T02:30:00.000Z',
    categories: countsByCategory(rows),
    rows,
    lagging: rows.filter((r) => LAGGING.includes(r.status)).map((r) => ({ code: r.code, name: r.name, status: r.status, leadUnit: r.leadUnit })),
    ...overrides,
  };
}

type TableRow = [category: string, subCategory: string | null, name: string, unit: string, target: number | string];

/** 表1 as printed in the plan. */
export const TABLE1: readonly TableRow[] = [
  ['产品质量', null, '主要农产品质量安全省级监测合格率', '%', 98],
  ['产品质量', null, '基本药物抽检合格率', '%', 100],
  ['产品质量', null, '通过绿色认证企业', '个', 150],
  ['产品质量', null, '制定“浙江制造”标准(新增)', '项', 200],
  ['产品质量', null, '培育“品字标”企业', '家', 200],
  ['产品质量', null, '品牌企业和实施“浙江制造”标准企业销售占规上企业销售比例', '%', 60],
  ['产品质量', null, '规模以上工业新产品产值率(建议)', '%', 45],
  ['产品质量', null, '“浙江制造”国际认证证书保有量', '张', 40],
  ['产品质量', null, '每万人高价值发明专利拥有量', '件', 10],
  ['产品质量', null, '市级质量提升示范特色产业(新增)', '个', 11],
  ['产品质量', null, '浙江制造精品', '个', 100],
  ['产品质量', null, '单项冠军企业数量(累计)', '项', 15],
  ['服务质量', null, '服务质量满意度', '分', '达到省均'],
  ['服务质量', null, '现代服务业创新发展区(培育)', '个', 10],
  ['工程质量', null, '竣工工程质量验收一次验收合格率', '%', 100],
  ['工程质量', null, '新开工装配式建筑面积', '万平方米', 2500],
  ['工程质量', null, '二星级以上绿色建筑占新建民用建筑比例', '%', 40],
  ['工程质量', null, '工程质量终身责任制三项制度覆盖率', '%', 100],
  ['工程质量', null, '制定绿色建筑设计地方标准', '项', 5],
  ['工程质量', null, '省级工法', '个', 15],
  ['工程质量', null, '“鲁班奖”、国家优质工程奖', '个', 2],
  ['工程质量', null, '“钱江杯”等省优质工程奖', '个', 40],
  ['工程质量', null, '“飞英杯”等市优质工程奖', '个', 260],
  ['工程质量', null, '新型建筑工业化示范企业', '家', 1],
  ['环境质量', null, '城市细颗粒物(PM2.5)平均浓度', '微克/立方米', 25],
  ['环境质量', null, '城市空气质量优良天数比率', '%', 90],
  ['环境质量', null, '地下水质量V类水比例', '%', '达到省指标'],
  ['环境质量', null, '市控以上地表水监测断面III类及以上水质比例', '%', 100],
  ['环境质量', null, '化学需氧量五年削减比例(%)', '%', '达到省指标'],
  ['综合指标', '质量建设', '浙江省人民政府质量奖企业', '家', 2],
  ['综合指标', '质量建设', '湖州市政府质量奖企业', '家', 30],
  ['综合指标', '质量建设', '县级政府质量奖企业(累计)', '家', 200],
  ['综合指标', '标准建设', '主导和参与制订国际标准(新增)', '项', 20],
  ['综合指标', '标准建设', '主导制修订国家标准(新增)', '项', 40],
  ['综合指标', '标准建设', '数字经济领域主导制修订标准', '项', 50],
  ['综合指标', '标准建设', '标准国际化试点示范单位(新增)', '家', 5],
  ['综合指标', '标准建设', '国家级、省级标准创新贡献奖获奖组织(新增)', '个', 2],
  ['综合指标', '标准建设', '国家级、省级标准化试点示范项目(新增)', '个', 20],
  ['综合指标', '品牌建设', '浙江出口名牌', '个', 80],
  ['综合指标', '品牌建设', '湖州出口名牌', '个', 160],
  ['综合指标', '品牌建设', '自主品牌产品出口比重', '%', 13.5],
  ['综合指标', '品牌建设', '国内有效商标注册数', '万件', 13],
  ['综合指标', '品牌建设', '地理标志培育、申请数', '件', 30],
  ['综合指标', '品牌建设', '马德里商标国际注册量', '件', 310],
];

const LEAD_UNITS = ['市市场监管局', '市经信局', '市住建局', '市生态环境局', '市农业农村局', '市商务局', '市发改委', '市科技局'];

function accumulationOf(name: string): Accumulation {
  if (name.includes('(新增)')) return 'increment';
  if (name.includes('(累计)')) return 'cumulative';
  return 'level';
}

function directionOf(name: string): Direction {
  return name.includes('PM2.5') || name.includes('V类水') ? -1 : 1;
}

/** All 44 indicators of 表1 with deterministic made-up values and every status represented. */
export function buildSnapshot44(): EvaluationSnapshot {
  const statuses: ProgressStatus[] = ['on_track', 'target_achieved', 'moderate_progress', 'on_track', 'limited_progress', 'deterioration', 'not_available'];
  const rows = TABLE1.map(([category, subCategory, name, unit, target], i): EvaluationIndicatorRow => {
    const code = `I${String(i + 1).padStart(2, '0')}`;
    const status = statuses[i % statuses.length] ?? 'not_available';
    const accumulation = accumulationOf(name);
    const direction = directionOf(name);
    const numericTarget = typeof target === 'number' ? target : direction === -1 ? 12 : 80 + (i % 5);
    const base = accumulation === 'increment' ? 0 : direction === 1 ? numericTarget * 0.8 : numericTarget * 1.25;
    const step = accumulation === 'increment' ? numericTarget / 6 : ((numericTarget - base) / 6) * (status === 'deterioration' ? -1 : 1);
    const series =
      status === 'not_available'
        ? []
        : [2021, 2022, 2023].map((year, k) => ({
            year,
            value: Math.round((accumulation === 'increment' ? step * (0.8 + 0.2 * k) : base + step * (k + 1)) * 100) / 100,
          }));
    const last = series.at(-1) ?? null;
    const latestValue = last === null ? null : accumulation === 'increment' ? series.reduce((s, p) => s + p.value, 0) : last.value;
    return {
      indicatorId: `ind-${code}`,
      code,
      category,
      subCategory,
      name,
      unit,
      target: typeof target === 'number' ? { value: target } : ({ text: target } satisfies Target),
      targetValue: typeof target === 'number' ? target : status === 'not_available' ? null : numericTarget,
      baseline: status === 'not_available' ? null : Math.round(base * 100) / 100,
      latestValue,
      latestYear: last?.year ?? null,
      series,
      status,
      progressValue: status === 'not_available' ? null : ([1.1, 1.3, 0.8, 1.0, 0.3, -0.2][i % 6] ?? null),
      score: status === 'not_available' ? null : ([2.9, 5, 1.4, 2.6, -1.2, -3.3][i % 6] ?? null),
      currentStatusShare: status === 'not_available' ? null : ([0.62, 1.05, 0.48, 0.6, 0.2, -0.1][i % 6] ?? null),
      forecast: last === null ? null : Math.round(numericTarget * 1.01 * 100) / 100,
      method: accumulation === 'increment' ? 'increment-linear' : accumulation === 'cumulative' ? 'linear-share' : 'statcan-2.4',
      leadUnit: LEAD_UNITS[i % LEAD_UNITS.length] ?? null,
      regions: REGIONS.map((r, k) => ({ ...r, latestValue: latestValue, status: statuses[(i + k) % statuses.length] ?? 'not_available' })),
    };
  });
  return buildSnapshot(rows, { kind: 'midterm', dataYear: 2023 });
}

/** The plan's indicators as the API returns them, for the indicator workbook. */
export function buildIndicators(): Indicator[] {
  return TABLE1.slice(0, 6)
    .concat([TABLE1[12], TABLE1[24], TABLE1[26]].filter((r): r is TableRow => r !== undefined))
    .map(([category, subCategory, name, unit, target], i): Indicator => {
      const code = name === '服务质量满意度' ? 'I13' : name.includes('PM2.5') ? 'I25' : name.includes('V类水') ? 'I27' : `I${String(i + 1).padStart(2, '0')}`;
      const accumulation = accumulationOf(name);
      return {
        id: `ind-${code}`,
        planId: 'plan-1',
        code,
        seq: Number(code.slice(1)),
        category,
        subCategory,
        name,
        unit,
        target: typeof target === 'number' ? { value: target } : { text: target },
        targetYear: 2025,
        direction: directionOf(name) === 1 ? 'higher_is_better' : 'lower_is_better',
        accumulation,
        regionRollup: accumulation === 'level' ? 'none' : 'sum',
        baseline: { year: 2020, value: accumulation === 'increment' ? 0 : unit === '%' ? 95.5 : null, source: '“十三五”规划实施情况' },
        leadUnit: '市市场监管局',
        responsibleUnits: {},
        valueMin: unit === '%' ? 0 : accumulation === 'level' ? null : 0,
        valueMax: unit === '%' ? 100 : null,
        yoyBand: 0.5,
        limit: unit === '%' ? 100 : null,
        decimals: unit === '%' ? 1 : 0,
        note: null,
      };
    });
}
