import type { LicenceKind } from '../../common/entity-api.ts';

/**
 * Reference tables of the entity demo generator (entities-demo.ts): 湖州's industry clusters per
 * district/county with the townships they concentrate in, and the name parts the generator combines.
 * Division codes are GB/T 4754-2017 (common/industry.ts); township codes are migration 0002's.
 */

export interface Cluster {
  /** What the firm makes or does: goes into the name. */
  trade: string;
  industry: string;
  /** Preferred townships (hubs); others in the county are used too. */
  hubs: string[];
  licence?: { kind: LicenceKind; category: string; unit: string };
}

export const COUNTIES: { code: string; place: string; weight: number; clusters: Cluster[] }[] = [
  {
    code: '330502',
    place: '吴兴',
    weight: 0.26,
    clusters: [
      { trade: '童装', industry: '18', hubs: ['330502100', '330502101'] },
      { trade: '服饰', industry: '18', hubs: ['330502100'] },
      { trade: '食品', industry: '14', hubs: ['330502104', '330502101'], licence: { kind: 'food_production', category: '糕点、速冻食品', unit: '' } },
      { trade: '电线电缆', industry: '38', hubs: ['330502104', '330502105'], licence: { kind: 'industrial_product', category: '电线电缆', unit: '06' } },
      { trade: '金属制品', industry: '33', hubs: ['330502104'] },
      { trade: '物流', industry: '58', hubs: ['330502010'] },
    ],
  },
  {
    code: '330503',
    place: '南浔',
    weight: 0.2,
    clusters: [
      { trade: '木业', industry: '20', hubs: ['330503100', '330503101'], licence: { kind: 'industrial_product', category: '人造板', unit: '15' } },
      { trade: '电梯', industry: '34', hubs: ['330503102', '330503001'] },
      { trade: '电机', industry: '38', hubs: ['330503102', '330503106'] },
      { trade: '湖笔', industry: '24', hubs: ['330503103'] },
      { trade: '绫绢', industry: '17', hubs: ['330503101'] },
      { trade: '水产食品', industry: '13', hubs: ['330503105'], licence: { kind: 'food_production', category: '水产制品', unit: '' } },
    ],
  },
  {
    code: '330521',
    place: '德清',
    weight: 0.18,
    clusters: [
      { trade: '钢琴', industry: '24', hubs: ['330521103'] },
      { trade: '地理信息', industry: '65', hubs: ['330521001', '330521002'] },
      { trade: '生物科技', industry: '27', hubs: ['330521003', '330521110'] },
      { trade: '装饰材料', industry: '30', hubs: ['330521101', '330521102'], licence: { kind: 'industrial_product', category: '建筑用钢筋', unit: '10' } },
      { trade: '食品', industry: '14', hubs: ['330521102'], licence: { kind: 'food_production', category: '饮料、糖果制品', unit: '' } },
    ],
  },
  {
    code: '330522',
    place: '长兴',
    weight: 0.2,
    clusters: [
      { trade: '蓄电池', industry: '38', hubs: ['330522002', '330522112'], licence: { kind: 'industrial_product', category: '危险化学品', unit: '13' } },
      { trade: '纺织', industry: '17', hubs: ['330522103', '330522102'] },
      { trade: '耐火材料', industry: '30', hubs: ['330522104', '330522112'] },
      { trade: '新能源', industry: '38', hubs: ['330522001', '330522004'] },
      { trade: '茶业', industry: '15', hubs: ['330522200'], licence: { kind: 'food_production', category: '茶叶及相关制品', unit: '' } },
    ],
  },
  {
    code: '330523',
    place: '安吉',
    weight: 0.16,
    clusters: [
      { trade: '椅业', industry: '21', hubs: ['330523001', '330523105', '330523111'] },
      { trade: '竹木制品', industry: '20', hubs: ['330523105', '330523106'], licence: { kind: 'industrial_product', category: '人造板', unit: '15' } },
      { trade: '白茶', industry: '15', hubs: ['330523201', '330523003'], licence: { kind: 'food_production', category: '茶叶及相关制品', unit: '' } },
      { trade: '旅游开发', industry: '78', hubs: ['330523108'] },
    ],
  },
];

/** Township for a fixed entity registered at county level (trace demo locations). */
export const HUB_TOWNSHIP: Record<string, string> = {
  '330502': '330502100',
  '330503': '330503100',
  '330521': '330521001',
  '330522': '330522001',
  '330523': '330523201',
};

export const BRAND = '瑞禾恒润鼎盛华康锦程宏远欣悦天合泰丰永兴诚信博远嘉禾盛世中宇荣昌德润明辉新锐隆鑫佳源汇通振华';
export const SURNAMES = '王李张刘陈杨黄赵周吴徐孙沈朱胡钱姚俞费潘施蒋韩曹许邱';
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红燕玲斌峰';
export const SHOP_TRADES: [string, string, LicenceKind | null][] = [
  ['副食品店', '52', 'food_business'],
  ['小吃店', '62', 'food_business'],
  ['服装店', '52', null],
  ['五金店', '52', null],
  ['面馆', '62', 'food_business'],
  ['童装加工厂', '18', null],
  ['水果店', '52', 'food_business'],
  ['汽车修理部', '81', null],
];
export const COOP_TRADES: [string, string][] = [
  ['白茶专业合作社', '01'],
  ['蔬菜专业合作社', '01'],
  ['水产养殖专业合作社', '04'],
  ['湖羊养殖专业合作社', '03'],
  ['竹笋专业合作社', '01'],
  ['紫笋茶专业合作社', '01'],
];
export const CERT_BODIES = ['中国质量认证中心', '方圆标志认证集团有限公司', '杭州万泰认证有限公司', '浙江公信认证有限公司'];
