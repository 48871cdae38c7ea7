import { sql } from 'kysely';
import type { FinalVia, RetestRule, RiskLevel, Verdict } from '../../common/sampling/api.ts';
import { addDays, todayInShanghai } from '../../common/sampling/dates.ts';
import { retestLastDayOrNull } from '../../common/sampling/retest.ts';
import { workdayCalendar } from '../modules/calendar/index.ts';
import { findEntityByCreditCode } from '../modules/entities/index.ts';
import { announceFinalConclusion } from '../modules/inspections/sampling/finalize.ts';
import type { ItemRow, SampleRow } from '../modules/inspections/sampling/present.ts';
import type { Db } from '../platform/db.ts';
import type { RegionDirectory } from '../platform/regions.ts';
import { buildDemoEntities } from './entities-demo.ts';

/**
 * Supervision-sampling demo data (演示数据, generated; no real test results):
 * - 12 product categories with a risk grade (产品分级) — the grades are our illustration, not the
 *   province's catalogue; 基本药物 is mapped to 表1 I02 (基本药物抽检合格率) and uses the drug law's
 *   7-working-day 复验 window;
 * - city sampling plans per category for 2023 → this year;
 * - about 300 samples of the manufacturing enterprises the entities demo generates (found by their
 *   credit codes through the entities surface), 2023–2025 all final, with realistic test items,
 *   limits and results (standards as published: GB 18401, GB/T 5023, GB 18580, 中国药典 …), about one
 *   batch in ten 不合格, some 复检 (a few overturned), most 不合格 published;
 * - this year: a few samples in every state (draft, within the 复检 window, 复检 under way).
 * Final conclusions go to the entity timeline and the outbox exactly as the live workflow does
 * (announceFinalConclusion). A seeded PRNG makes every run the same.
 */

/** mulberry32, as the other demo generators (deterministic on every machine). */
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
const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const between = (rand: () => number, lo: number, hi: number, decimals: number) => Number((lo + rand() * (hi - lo)).toFixed(decimals));

/** A test item: a numeric limit with pass/fail ranges to draw results from, or a text requirement. */
type ItemSpec =
  | { name: string; method: string; standard: string; unit: string; min?: number; max?: number; pass: [number, number]; fail: [number, number]; dp: number }
  | { name: string; method: string; standard: string; text: string; passText: string; failText: string };

interface CategorySpec {
  code: string;
  name: string;
  risk: RiskLevel;
  indicator?: string;
  retestRule?: RetestRule;
  basis: string;
  /** Entity demo trades (the word in the generated names) this category samples. */
  trades: string[];
  products: string[];
  specs: string[];
  items: ItemSpec[];
  /** Share of batches that fail. */
  failRate: number;
}

const textiles = (standardClass: string, formaldehydeMax: number): ItemSpec[] => [
  {
    name: '甲醛含量',
    method: 'GB/T 2912.1-2009',
    standard: `GB 18401-2010 ${standardClass}`,
    unit: 'mg/kg',
    max: formaldehydeMax,
    pass: [6, formaldehydeMax * 0.55],
    fail: [formaldehydeMax * 1.1, formaldehydeMax * 1.9],
    dp: 0,
  },
  {
    name: 'pH 值',
    method: 'GB/T 7573-2009',
    standard: `GB 18401-2010 ${standardClass}`,
    unit: '',
    min: 4.0,
    max: 8.5,
    pass: [5.2, 7.6],
    fail: [8.7, 9.4],
    dp: 1,
  },
  {
    name: '耐水色牢度（变色）',
    method: 'GB/T 5713-2013',
    standard: `GB 18401-2010 ${standardClass}`,
    unit: '级',
    min: 3,
    pass: [3.5, 4.5],
    fail: [2, 2.5],
    dp: 1,
  },
  {
    name: '纤维含量',
    method: 'FZ/T 01057-2007、GB/T 2910',
    standard: 'GB/T 29862-2013',
    text: '与标注相符（允差 ±5%）',
    passText: '与标注相符',
    failText: '棉 71.8%（标注 95%）',
  },
];

const CATEGORIES: CategorySpec[] = [
  {
    code: 'CHILD-APPAREL',
    name: '儿童及婴幼儿服装',
    risk: 'high',
    basis: '使用者为儿童（敏感因子），近年抽查问题集中于绳带与纤维含量',
    trades: ['童装'],
    products: ['儿童连衣裙', '儿童T恤', '儿童牛仔裤', '儿童羽绒服', '儿童卫衣'],
    specs: ['110/52', '120/56', '130/60', '140/64', '150/68'],
    items: [
      ...textiles('B 类', 75),
      {
        name: '绳带要求',
        method: 'GB 31701-2015 附录',
        standard: 'GB 31701-2015 §4.3',
        text: '头部和颈部不得有绳带',
        passText: '符合',
        failText: '帽子带有可抽拉绳带',
      },
    ],
    failRate: 0.07,
  },
  {
    code: 'APPAREL',
    name: '服装及纺织面料',
    risk: 'medium',
    basis: '量大面广，质量总体稳定',
    trades: ['服饰', '纺织', '绫绢'],
    products: ['女士衬衫', '男士休闲裤', '涤纶面料', '真丝绫绢面料', '针织T恤'],
    specs: ['165/88A', '175/92A', '幅宽 150cm', '幅宽 114cm'],
    items: textiles('B 类', 75),
    failRate: 0.08,
  },
  {
    code: 'WIRE',
    name: '电线电缆',
    risk: 'high',
    basis: '涉及用电安全，工业产品生产许可证管理',
    trades: ['电线电缆'],
    products: ['聚氯乙烯绝缘电缆 BV', '聚氯乙烯绝缘软电缆 BVR', '轻型聚氯乙烯护套电缆 RVV'],
    specs: ['450/750V 1×2.5mm²', '450/750V 1×4mm²', '300/500V 3×1.5mm²'],
    items: [
      {
        name: '导体电阻（20℃）',
        method: 'GB/T 3048.4-2007',
        standard: 'GB/T 3956-2008',
        unit: 'Ω/km',
        max: 7.41,
        pass: [7.02, 7.36],
        fail: [7.62, 8.95],
        dp: 2,
      },
      { name: '绝缘平均厚度', method: 'GB/T 2951.11-2008', standard: 'GB/T 5023.3-2008', unit: 'mm', min: 0.8, pass: [0.81, 0.9], fail: [0.66, 0.78], dp: 2 },
      { name: '绝缘最薄处厚度', method: 'GB/T 2951.11-2008', standard: 'GB/T 5023.3-2008', unit: 'mm', min: 0.62, pass: [0.66, 0.8], fail: [0.5, 0.6], dp: 2 },
      {
        name: '绝缘老化前抗张强度',
        method: 'GB/T 2951.11-2008',
        standard: 'GB/T 5023.1-2008',
        unit: 'N/mm²',
        min: 12.5,
        pass: [13, 17],
        fail: [9.5, 12.2],
        dp: 1,
      },
    ],
    failRate: 0.06,
  },
  {
    code: 'MOTOR',
    name: '中小型三相异步电动机',
    risk: 'medium',
    basis: '能效强制性国家标准',
    trades: ['电机'],
    products: ['YE3 系列三相异步电动机'],
    specs: ['YE3-112M-4 4kW', 'YE3-132S-4 5.5kW', 'YE3-100L-2 3kW'],
    items: [
      { name: '效率', method: 'GB/T 1032-2012', standard: 'GB 18613-2020 3 级', unit: '%', min: 88.6, pass: [88.8, 90.2], fail: [86.5, 88.3], dp: 1 },
      { name: '绝缘电阻', method: 'GB/T 1032-2012', standard: 'GB/T 755-2019', unit: 'MΩ', min: 5, pass: [60, 480], fail: [1, 4], dp: 0 },
      { name: '接地标志', method: '目测', standard: 'GB/T 755-2019', text: '接地端子处应有接地标志', passText: '符合', failText: '接地端子无标志' },
    ],
    failRate: 0.07,
  },
  {
    code: 'BATTERY',
    name: '电动自行车用蓄电池',
    risk: 'high',
    basis: '火灾风险，重金属',
    trades: ['蓄电池', '新能源'],
    products: ['电动助力车用密封铅酸蓄电池', '电动自行车用锂离子蓄电池'],
    specs: ['6-DZF-20 12V20Ah', '6-DZF-12 12V12Ah', '48V12Ah'],
    items: [
      {
        name: '2 h 率额定容量',
        method: 'GB/T 22199.1-2017',
        standard: 'GB/T 22199.1-2017',
        unit: '%额定值',
        min: 100,
        pass: [101, 112],
        fail: [86, 98],
        dp: 0,
      },
      {
        name: '镉含量',
        method: 'GB/T 20155-2018',
        standard: '铅蓄电池行业规范条件',
        unit: '%',
        max: 0.002,
        pass: [0.0002, 0.0012],
        fail: [0.0031, 0.009],
        dp: 4,
      },
      {
        name: '标志',
        method: '目测',
        standard: 'GB/T 22199.1-2017 第 7 章',
        text: '应标明型号、额定电压、额定容量、回收标志',
        passText: '符合',
        failText: '缺少回收标志',
      },
    ],
    failRate: 0.06,
  },
  {
    code: 'PANEL',
    name: '人造板及木地板',
    risk: 'medium',
    basis: '室内空气质量（甲醛）',
    trades: ['木业', '竹木制品'],
    products: ['强化木地板', '实木复合地板', '竹集成材地板', '细木工板'],
    specs: ['1215×195×12mm', '910×125×15mm', '1220×2440×18mm'],
    items: [
      {
        name: '甲醛释放量（气候箱法）',
        method: 'GB/T 17657-2022',
        standard: 'GB 18580-2017',
        unit: 'mg/m³',
        max: 0.124,
        pass: [0.031, 0.092],
        fail: [0.141, 0.31],
        dp: 3,
      },
      { name: '含水率', method: 'GB/T 17657-2022', standard: 'GB/T 18102-2020', unit: '%', min: 3.0, max: 10.0, pass: [5.5, 8.8], fail: [10.6, 13], dp: 1 },
      { name: '表面耐磨', method: 'GB/T 17657-2022', standard: 'GB/T 18102-2020', unit: '转', min: 4000, pass: [4200, 6800], fail: [2600, 3800], dp: 0 },
    ],
    failRate: 0.08,
  },
  {
    code: 'CHAIR',
    name: '办公椅',
    risk: 'medium',
    basis: '气压棒与稳定性',
    trades: ['椅业'],
    products: ['网布转椅', '皮质办公椅', '电竞椅'],
    specs: ['标准型', '带头枕型', '大班椅'],
    items: [
      { name: '稳定性', method: 'GB/T 10357.3-2013', standard: 'QB/T 2280-2016', text: '不应倾翻', passText: '符合', failText: '后向稳定性试验中倾翻' },
      { name: '椅座静载荷', method: 'GB/T 10357.3-2013', standard: 'QB/T 2280-2016', text: '无断裂、无损坏', passText: '符合', failText: '椅座板断裂' },
      {
        name: '气弹簧',
        method: 'GB/T 29525-2013',
        standard: 'QB/T 2280-2016',
        text: '符合 GB/T 29525 规定',
        passText: '符合',
        failText: '气弹簧密封性不符合要求',
      },
      { name: '甲醛释放量', method: 'GB 18584-2001', standard: 'GB 18584-2001', unit: 'mg/L', max: 1.5, pass: [0.2, 0.9], fail: [1.8, 3.2], dp: 1 },
    ],
    failRate: 0.09,
  },
  {
    code: 'COATING',
    name: '建筑装饰装修材料（涂料）',
    risk: 'medium',
    basis: 'VOC 与有害物质',
    trades: ['装饰材料'],
    products: ['合成树脂乳液内墙涂料', '水性木器涂料'],
    specs: ['5L', '18L', '20kg'],
    items: [
      { name: 'VOC 含量', method: 'GB/T 23986-2009', standard: 'GB 18582-2020', unit: 'g/L', max: 80, pass: [12, 60], fail: [92, 160], dp: 0 },
      { name: '甲醛含量', method: 'GB/T 23993-2009', standard: 'GB 18582-2020', unit: 'mg/kg', max: 50, pass: [3, 30], fail: [60, 120], dp: 0 },
      { name: '苯系物总和', method: 'GB/T 23990-2009', standard: 'GB 18582-2020', unit: 'mg/kg', max: 100, pass: [5, 40], fail: [120, 260], dp: 0 },
    ],
    failRate: 0.07,
  },
  {
    code: 'REFRACTORY',
    name: '耐火材料',
    risk: 'low',
    basis: '工业中间品，使用者为专业用户',
    trades: ['耐火材料'],
    products: ['高铝砖', '黏土质耐火砖'],
    specs: ['LZ-55 T-3', 'N-2a T-38'],
    items: [
      { name: 'Al₂O₃ 含量', method: 'GB/T 6900-2016', standard: 'GB/T 2988-2012', unit: '%', min: 55, pass: [55.5, 62], fail: [50, 54.5], dp: 1 },
      { name: '显气孔率', method: 'GB/T 2997-2015', standard: 'GB/T 2988-2012', unit: '%', max: 22, pass: [17, 21.5], fail: [22.6, 26], dp: 1 },
      { name: '常温耐压强度', method: 'GB/T 5072-2008', standard: 'GB/T 2988-2012', unit: 'MPa', min: 45, pass: [48, 70], fail: [35, 44], dp: 0 },
    ],
    failRate: 0.05,
  },
  {
    code: 'PIANO',
    name: '钢琴',
    risk: 'low',
    basis: '耐用消费品，质量稳定',
    trades: ['钢琴'],
    products: ['立式钢琴', '三角钢琴'],
    specs: ['UP-121', 'UP-125', 'GP-158'],
    items: [
      {
        name: '标准音高（A4）',
        method: 'GB/T 10159-2015',
        standard: 'GB/T 10159-2015',
        unit: 'Hz',
        min: 439.0,
        max: 441.0,
        pass: [439.6, 440.4],
        fail: [437.5, 438.8],
        dp: 1,
      },
      { name: '外观质量', method: '目测', standard: 'GB/T 10159-2015', text: '漆膜无明显缺陷', passText: '符合', failText: '漆膜有流挂' },
      {
        name: '使用说明和标志',
        method: '目测',
        standard: 'GB 5296.1-2012',
        text: '应有中文产品名称、生产者名称和地址',
        passText: '符合',
        failText: '无生产者地址',
      },
    ],
    failRate: 0.04,
  },
  {
    code: 'BRUSH',
    name: '学生用品（毛笔）',
    risk: 'low',
    basis: '学生用品，可迁移元素',
    trades: ['湖笔'],
    products: ['羊毫毛笔', '兼毫毛笔', '狼毫毛笔'],
    specs: ['大楷', '中楷', '小楷'],
    items: [
      { name: '可迁移元素（铅）', method: 'GB 6675.4-2014', standard: 'GB 21027-2020', unit: 'mg/kg', max: 90, pass: [2, 30], fail: [110, 260], dp: 0 },
      {
        name: '标识',
        method: '目测',
        standard: 'GB 21027-2020',
        text: '应标明产品名称、生产者名称地址、执行标准',
        passText: '符合',
        failText: '未标注执行标准',
      },
    ],
    failRate: 0.05,
  },
  {
    code: 'STEELWARE',
    name: '不锈钢日用器具',
    risk: 'medium',
    basis: '食品接触用（食品相关产品）',
    trades: ['金属制品'],
    products: ['不锈钢保温杯', '不锈钢汤锅', '不锈钢餐盘'],
    specs: ['500mL', '26cm', '5 格'],
    items: [
      { name: '铅迁移量', method: 'GB 31604.49-2016', standard: 'GB 4806.9-2016', unit: 'mg/kg', max: 0.05, pass: [0.001, 0.02], fail: [0.07, 0.2], dp: 3 },
      { name: '镍迁移量', method: 'GB 31604.49-2016', standard: 'GB 4806.9-2016', unit: 'mg/kg', max: 0.5, pass: [0.02, 0.3], fail: [0.6, 1.4], dp: 2 },
      { name: '标识', method: '目测', standard: 'GB 4806.1-2016', text: '应标注“食品接触用”', passText: '符合', failText: '未标注“食品接触用”' },
    ],
    failRate: 0.06,
  },
  {
    code: 'DRUG',
    name: '基本药物',
    risk: 'high',
    indicator: 'I02',
    retestRule: 'drug_7wd',
    basis: '国家基本药物目录品种；合格率为规划表1 指标 I02',
    trades: ['生物科技'],
    products: ['阿莫西林胶囊', '盐酸二甲双胍片', '头孢氨苄胶囊', '复方丹参片'],
    specs: ['0.25g×24粒', '0.5g×20片', '0.125g×36粒', '60片/瓶'],
    items: [
      {
        name: '含量测定',
        method: '高效液相色谱法（通则 0512）',
        standard: '《中国药典》2020 年版',
        unit: '%标示量',
        min: 90.0,
        max: 110.0,
        pass: [96, 104],
        fail: [85, 89.5],
        dp: 1,
      },
      {
        name: '溶出度',
        method: '溶出度与释放度测定法（通则 0931）',
        standard: '《中国药典》2020 年版',
        unit: '%',
        min: 80,
        pass: [85, 98],
        fail: [68, 78],
        dp: 0,
      },
      {
        name: '有关物质（最大单杂）',
        method: '高效液相色谱法（通则 0512）',
        standard: '《中国药典》2020 年版',
        unit: '%',
        max: 1.0,
        pass: [0.1, 0.6],
        fail: [1.2, 2.0],
        dp: 2,
      },
      {
        name: '微生物限度',
        method: '通则 1105、1106',
        standard: '《中国药典》2020 年版 通则 1107',
        text: '应符合规定',
        passText: '符合规定',
        failText: '需氧菌总数超过限度',
      },
    ],
    failRate: 0.03,
  },
];

const LABS = ['湖州市质量技术监督检测研究院', '浙江省产品质量安全科学研究院', '浙江方圆检测集团股份有限公司'];
const DRUG_LAB = '湖州市食品药品检验研究院';
const PLACES = ['成品仓库', '生产企业成品库', '销售门店', '电商平台（网购样品）'];
/** Per district/county: extra failure tendency (makes the colour map differ between counties). */
const COUNTY_BIAS: Record<string, number> = { '330502': 1.5, '330503': 1.2, '330521': 0.3, '330522': 1.0, '330523': 0.8 };

interface DemoItem {
  spec: ItemSpec;
  value: number | null;
  text: string | null;
  verdict: Verdict;
  source: 'computed' | 'entered';
}

function drawItems(rand: () => number, specs: ItemSpec[], fail: boolean): DemoItem[] {
  // A failing batch fails one item (sometimes two); which one is random.
  const failing = new Set<number>();
  if (fail) {
    failing.add(Math.floor(rand() * specs.length));
    if (rand() < 0.25) failing.add(Math.floor(rand() * specs.length));
  }
  return specs.map((spec, i) => {
    const bad = failing.has(i);
    if ('text' in spec) return { spec, value: null, text: bad ? spec.failText : spec.passText, verdict: bad ? 'fail' : 'pass', source: 'entered' };
    const [lo, hi] = bad ? spec.fail : spec.pass;
    return { spec, value: between(rand, lo, hi, spec.dp), text: null, verdict: bad ? 'fail' : 'pass', source: 'computed' };
  });
}

const itemValues = (it: DemoItem, seq: number) => ({
  seq,
  name: it.spec.name,
  method: it.spec.method,
  standard: it.spec.standard,
  unit: 'unit' in it.spec ? it.spec.unit || null : null,
  limit_min: 'min' in it.spec ? (it.spec.min ?? null) : null,
  limit_max: 'max' in it.spec ? (it.spec.max ?? null) : null,
  limit_text: 'text' in it.spec ? it.spec.text : null,
  result_value: it.value,
  result_text: it.text,
  verdict: it.verdict,
  verdict_source: it.source,
});

/** Writes the demo. `userIds` are the demo accounts (admin records, officers per county). Returns counts for the demo marker. */
export async function seedSamplingDemo(trx: Db, regions: RegionDirectory, userIds: Record<string, string>): Promise<Record<string, number>> {
  const rand = prng(20261129);
  const today = todayInShanghai();
  // the server's statutory calendar, read through the seed's transaction (PGlite has one connection)
  const calendar = await workdayCalendar(trx);
  const thisYear = Number(today.slice(0, 4));
  const admin = userIds.admin ?? null;

  const categoryIds = new Map<string, { id: string; spec: CategorySpec }>();
  for (const c of CATEGORIES) {
    const row = await trx
      .insertInto('sampling_category')
      .values({
        code: c.code,
        name: c.name,
        risk_level: c.risk,
        plan_indicator_code: c.indicator ?? null,
        basis: c.basis,
        retest_rule: c.retestRule ?? 'product_15d',
        is_demo: true,
        updated_by: admin,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    await trx
      .insertInto('sampling_category_version')
      .values({
        category_id: row.id,
        version: 1,
        code: row.code,
        name: row.name,
        risk_level: row.risk_level,
        plan_indicator_code: row.plan_indicator_code,
        basis: row.basis,
        retest_rule: row.retest_rule,
        active: true,
        reason: '演示数据 / demo',
        changed_by: admin,
      })
      .execute();
    categoryIds.set(c.code, { id: row.id, spec: c });
  }
  if (categoryIds.size === 0) return {};

  // The manufacturing enterprises of the entities demo, by the trade word in their generated names.
  const candidates: { creditCode: string; category: string }[] = [];
  for (const e of buildDemoEntities(regions, today, [])) {
    if (e.fields.type !== 'enterprise' || e.fields.status === 'cancelled') continue;
    const c = CATEGORIES.find((x) => x.trades.some((t) => e.fields.name.includes(t)));
    if (c) candidates.push({ creditCode: e.fields.creditCode, category: c.code });
  }
  const enterprises: { id: string; creditCode: string; name: string; regionCode: string; county: string; category: string }[] = [];
  for (const c of candidates) {
    const entity = await findEntityByCreditCode(trx, c.creditCode);
    const county = entity ? regions.get(entity.regionCode)?.parentCode : undefined;
    if (entity && county)
      enterprises.push({ id: entity.id, creditCode: entity.creditCode, name: entity.name, regionCode: entity.regionCode, county, category: c.category });
  }

  const years = Array.from({ length: thisYear - 2023 + 1 }, (_, i) => 2023 + i);
  const plans = new Map<string, string>();
  for (const year of years) {
    for (const [code, { id, spec }] of categoryIds) {
      const count = enterprises.filter((e) => e.category === code).length;
      if (count === 0) continue;
      const row = await trx
        .insertInto('sampling_plan')
        .values({
          year,
          category_id: id,
          region_code: '330500',
          title: `湖州市${year}年${spec.name}产品质量监督抽查计划`,
          planned_batches: Math.max(3, Math.round(count * 0.9)),
          notes: '演示数据',
          is_demo: true,
          created_by: admin,
        })
        .onConflict((oc) => oc.columns(['year', 'category_id', 'region_code']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) plans.set(`${year}:${code}`, row.id);
    }
  }

  let seq = 0;
  let samples = 0;
  let finals = 0;
  let failures = 0;
  for (const e of enterprises) {
    const cat = categoryIds.get(e.category);
    if (!cat) continue;
    const spec = cat.spec;
    // Each enterprise is sampled in some of the years; this year only a few, in the states still open.
    for (const year of years) {
      const current = year === thisYear;
      // Most are sampled once a year, some twice; this year's recent ones are still open (draft, window, 复检).
      const batches = rand() < (current ? 0.55 : 0.75) ? (rand() < 0.2 ? 2 : 1) : 0;
      for (let b = 0; b < batches; b++) {
        const latest = current ? addDays(today, -3) : `${year}-12-10`;
        const recent = current && rand() < 0.4;
        const drawn = recent ? addDays(today, -3 - Math.floor(rand() * 45)) : addDays(`${year}-02-20`, Math.floor(rand() * 290));
        const sampledOn = [drawn, latest].sort()[0] ?? latest;
        // Recent ones fail more often, so the open states (复检 window, 复检) have examples.
        const fail = rand() < (recent ? 0.3 : spec.failRate * (COUNTY_BIAS[e.county] ?? 1));
        const items = drawItems(rand, spec.items, fail);
        const reportDate = addDays(sampledOn, 18 + Math.floor(rand() * 14));
        const notifiedOn = addDays(reportDate, 2 + Math.floor(rand() * 5));
        const retest = fail && rand() < (recent ? 0.35 : 0.2);
        const overturned = retest && rand() < 0.35;
        const requestedOn = retest ? addDays(notifiedOn, 3 + Math.floor(rand() * 4)) : null;
        const retestReport = requestedOn ? addDays(requestedOn, 25) : null;
        const rule = spec.retestRule ?? 'product_15d';
        const lastDay = retestLastDayOrNull(calendar, notifiedOn, rule);
        // Where the sample stands today.
        let state: 'draft' | 'issued' | 'retest_requested' | 'final' = 'issued';
        if (reportDate > today) state = 'draft';
        else if (!fail) state = 'final';
        else if (requestedOn && retestReport) state = retestReport <= today ? 'final' : requestedOn <= today ? 'retest_requested' : 'issued';
        else if (lastDay !== null && lastDay < today) state = 'final';
        const finalVia: FinalVia | null = state !== 'final' ? null : !fail ? 'issued' : retest ? 'retest' : 'window_closed';
        const finalConclusion: Verdict | null = finalVia === null ? null : !fail || overturned ? 'pass' : 'fail';
        const finalOn =
          finalVia === 'issued' ? reportDate : finalVia === 'retest' ? retestReport : finalVia === 'window_closed' && lastDay ? addDays(lastDay, 1) : null;
        const published = finalConclusion === 'fail' && finalOn ? addDays(finalOn, 5 + Math.floor(rand() * 10)) : null;
        // Most final 不合格 are published (一公开) a week or two after; the latest ones not yet.
        const publishedOn = published && published < today && rand() < 0.85 ? new Date(`${published}T02:00:00Z`) : null;
        seq++;
        const row = await trx
          .insertInto('sampling_sample')
          .values({
            sample_no: `CJ-${year}-${e.county}-${String(seq).padStart(6, '0')}`,
            plan_id: plans.get(`${year}:${e.category}`) ?? null,
            category_id: cat.id,
            category_risk_level: spec.risk,
            retest_rule: rule,
            entity_id: e.id,
            entity_credit_code: e.creditCode,
            entity_name: e.name,
            region_code: e.regionCode,
            product_name: pick(rand, spec.products),
            spec: pick(rand, spec.specs),
            brand: e.name.replace(/^(湖州|吴兴|南浔|德清|长兴|安吉)/, '').slice(0, 2),
            batch: `${sampledOn.replaceAll('-', '').slice(2)}${String(1 + Math.floor(rand() * 9))}`,
            sampled_on: sampledOn,
            sampling_place: pick(rand, PLACES),
            lab: spec.code === 'DRUG' ? DRUG_LAB : pick(rand, LABS),
            status: state,
            computed_conclusion: fail ? 'fail' : 'pass',
            conclusion: state === 'draft' ? null : fail ? 'fail' : 'pass',
            report_no: state === 'draft' ? null : `(${year})湖质检字第 ${String(seq).padStart(5, '0')} 号`,
            report_date: state === 'draft' ? null : reportDate,
            notified_on: state !== 'draft' && fail && notifiedOn <= today ? notifiedOn : null,
            retest_requested_on: state === 'retest_requested' || finalVia === 'retest' ? requestedOn : null,
            retest_lab: finalVia === 'retest' ? '浙江省产品质量安全科学研究院' : null,
            retest_report_no: finalVia === 'retest' ? `(${year})浙质复字第 ${String(seq).padStart(4, '0')} 号` : null,
            retest_report_date: finalVia === 'retest' ? retestReport : null,
            retest_conclusion: finalVia === 'retest' ? finalConclusion : null,
            final_conclusion: finalConclusion,
            final_via: finalVia,
            final_on: finalOn,
            published_at: publishedOn,
            is_demo: true,
            created_by: userIds[countyUser(e.county)] ?? admin,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const itemRows = await trx
          .insertInto('sampling_test_item')
          .values(
            items.map((it, i) => ({
              ...itemValues(it, i + 1),
              sample_id: row.id,
              // A 复检 re-tests the failing items on the reserve sample: overturned ones come back within the limit.
              ...(finalVia === 'retest' && it.verdict === 'fail' ? retestValues(it, overturned, rand) : {}),
            })),
          )
          .returningAll()
          .execute();
        samples++;
        if (finalVia && finalConclusion && finalOn) {
          finals++;
          if (finalConclusion === 'fail') failures++;
          const sampleRow: SampleRow = { ...row, category_code: spec.code, category_name: spec.name, plan_title: null };
          await announceFinalConclusion(
            trx,
            regions,
            sampleRow,
            itemRows as ItemRow[],
            { conclusion: finalConclusion, via: finalVia, on: finalOn },
            row.created_by,
          );
        }
      }
    }
  }
  // The live workflow numbers samples from this sequence: start after the demo's.
  await sql`select setval('sampling_sample_no_seq', ${Math.max(seq, 1)})`.execute(trx);
  return { categories: categoryIds.size, samples, final: finals, failed: failures };
}

function countyUser(county: string): string {
  return { '330502': 'wuxing', '330503': 'nanxun', '330521': 'deqing', '330522': 'changxing', '330523': 'anji' }[county] ?? 'admin';
}

function retestValues(it: DemoItem, overturned: boolean, rand: () => number) {
  if ('text' in it.spec)
    return {
      retest_value: null,
      retest_text: overturned ? it.spec.passText : it.spec.failText,
      retest_verdict: overturned ? ('pass' as const) : ('fail' as const),
    };
  const [lo, hi] = overturned ? it.spec.pass : it.spec.fail;
  return { retest_value: between(rand, lo, hi, it.spec.dp), retest_text: null, retest_verdict: overturned ? ('pass' as const) : ('fail' as const) };
}
