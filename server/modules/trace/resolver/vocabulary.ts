import type { AiValue } from '../../../../common/gs1/index.ts';

/**
 * What the consumer page says in Chinese about CBV 2.0 words, and the tolerant reading of ILMD (instance/lot master
 * data) dates. Pure functions.
 */

/** The 41 CBV 2.0 business steps (ratified EPCIS 2.0.1 JSON Schema), plus two common non-CBV spellings of processing. */
const BIZ_STEPS: Record<string, string> = {
  accepting: '验收',
  arriving: '到达',
  assembling: '组装',
  collecting: '回收',
  commissioning: '生产赋码',
  consigning: '托运',
  creating_class_instance: '生产',
  cycle_counting: '盘点',
  decommissioning: '停用',
  departing: '离开',
  destroying: '销毁',
  disassembling: '拆解',
  dispensing: '配发',
  encoding: '编码',
  entering_exiting: '出入库',
  holding: '暂存',
  inspecting: '检验',
  installing: '安装',
  killing: '屠宰',
  loading: '装车',
  other: '其他',
  packing: '装箱',
  picking: '拣货',
  receiving: '收货',
  removing: '移除',
  repackaging: '重新包装',
  repairing: '维修',
  replacing: '更换',
  reserving: '预留',
  retail_selling: '零售',
  sampling: '抽样',
  sensor_reporting: '环境监测',
  shipping: '发货',
  staging_outbound: '待发货',
  stock_taking: '盘点',
  stocking: '上架',
  storing: '仓储',
  transporting: '运输',
  unloading: '卸货',
  unpacking: '拆箱',
  void_shipping: '取消发货',
  transforming: '加工',
  processing: '加工',
};

// Only the dispositions that mean something to a consumer; others (active, in_progress, …) are not shown.
const DISPOSITIONS: Record<string, string> = {
  conformant: '合格',
  non_conformant: '不合格',
  in_transit: '运输中',
  recalled: '已召回',
  expired: '已过期',
  damaged: '已损坏',
  destroyed: '已销毁',
  disposed: '已处置',
  sellable_accessible: '在售',
  sellable_not_accessible: '待售',
  non_sellable_other: '暂停销售',
  retail_sold: '已售出',
  returned: '已退回',
  stolen: '被盗',
};

/** The last word of a URI or CURIE (`https://example.com/steps/blanching` → `blanching`). */
function localName(value: string): string {
  return value.split(/[/:#]/).filter(Boolean).at(-1) ?? value;
}

/** Chinese name of a business step; an unknown step shows its own word. Without a step, what the event type says. */
export function bizStepLabel(bizStep: string | null, eventType: string, action: string | null): string {
  if (bizStep) return BIZ_STEPS[bizStep] ?? localName(bizStep);
  if (eventType === 'TransformationEvent') return '加工';
  if (eventType === 'AggregationEvent') return action === 'DELETE' ? '拆箱' : '装箱';
  if (eventType === 'ObjectEvent' && action === 'ADD') return '赋码';
  return '记录';
}

/** Chinese name of a disposition, or null for one the page does not explain. */
export function dispositionLabel(disposition: string | null): string | null {
  return disposition ? (DISPOSITIONS[disposition] ?? null) : null;
}

/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const SHANGHAI_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return SHANGHAI_DATE.format(instant);
}

/** `2026-11-01 08:00` in Asia/Shanghai. */
export function shanghaiDateTime(instant: Date): string {
  return `${shanghaiDate(instant)} ${SHANGHAI_TIME.format(instant)}`;
}

/** `2026年11月1日`. */
export function chineseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Adds days to a calendar date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

function validDate(y: number, m: number, d: number): IsoDate | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/**
 * A GS1 date YYMMDD (AIs 11, 13, 15, 16, 17) as a calendar date. Century: GS1 General Specifications §7.12 — a year
 * 51–99 years ahead of the current one is in the previous century, 50 or more behind it in the next. DD = 00 means
 * the last day of the month.
 */
export function gs1Date(yymmdd: string, today: Date = new Date()): IsoDate | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const [yy, mm, dd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const current = today.getUTCFullYear();
  const diff = yy - (current % 100);
  const century = Math.floor(current / 100) + (diff >= 51 ? -1 : diff <= -50 ? 1 : 0);
  const year = century * 100 + yy;
  const day = dd === 0 ? new Date(Date.UTC(year, mm, 0)).getUTCDate() : dd;
  return mm >= 1 && mm <= 12 ? validDate(year, mm, day) : null;
}

/** A date written in ILMD: `2026-11-01`, an RFC 3339 date-time (taken in Asia/Shanghai), or JSON-LD `{"@value": …}`. */
export function ilmdDate(value: unknown): IsoDate | null {
  const raw = typeof value === 'object' && value !== null && '@value' in value ? (value as { '@value': unknown })['@value'] : value;
  if (typeof raw !== 'string') return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (date) return validDate(Number(date[1]), Number(date[2]), Number(date[3]));
  if (/^\d{4}-\d{2}-\d{2}T/.test(raw)) {
    const t = new Date(raw);
    return Number.isNaN(t.getTime()) ? null : shanghaiDate(t);
  }
  return null;
}

/** The lot master data the consumer page shows. */
export interface LotFacts {
  productionDate: IsoDate | null;
  expiryDate: IsoDate | null;
  bestBeforeDate: IsoDate | null;
  lotNumber: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  countryOfOrigin: string | null;
}

// Local names (after the namespace: `cbvmda:`, `gs1:`, `https://ref.gs1.org/cbv/…#`, `https://gs1.org/voc/`), lower-cased.
const ILMD_KEYS: Record<string, keyof LotFacts> = {
  productiondate: 'productionDate',
  productiondatetime: 'productionDate',
  manufacturingdate: 'productionDate',
  itemexpirationdate: 'expiryDate',
  expirationdate: 'expiryDate',
  expirydate: 'expiryDate',
  bestbeforedate: 'bestBeforeDate',
  lotnumber: 'lotNumber',
  countryoforigin: 'countryOfOrigin',
};

// ISO 3166-1 numeric codes met in Chinese supply chains; ILMD may carry either form.
const NUMERIC_COUNTRIES: Record<string, string> = { '156': 'CN', '344': 'HK', '446': 'MO', '158': 'TW', '392': 'JP', '410': 'KR', '840': 'US' };

function country(value: unknown): string | null {
  const raw = typeof value === 'object' && value !== null && '@value' in value ? (value as { '@value': unknown })['@value'] : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(text)) return text;
  return NUMERIC_COUNTRIES[text.padStart(3, '0')] ?? null;
}

/**
 * Reads production, expiry and best-before dates, lot number and country of origin from an event's `ilmd`, whatever
 * namespace prefix the keys carry (CBV master-data attributes `cbvmda:…`, GS1 Web Vocabulary `gs1:…`, full URIs).
 * Every other ILMD field is ignored — the page shows nothing it does not know to be public.
 */
export function lotFacts(ilmd: unknown): LotFacts {
  const facts: LotFacts = { productionDate: null, expiryDate: null, bestBeforeDate: null, lotNumber: null, countryOfOrigin: null };
  if (typeof ilmd !== 'object' || ilmd === null || Array.isArray(ilmd)) return facts;
  for (const [key, value] of Object.entries(ilmd)) {
    const field = ILMD_KEYS[localName(key).toLowerCase()];
    if (!field || facts[field] !== null) continue;
    if (field === 'lotNumber') facts.lotNumber = typeof value === 'string' && value.length <= 20 ? value : null;
    else if (field === 'countryOfOrigin') facts.countryOfOrigin = country(value);
    else facts[field] = ilmdDate(value);
  }
  return facts;
}

/** Dates a Digital Link carried as data attributes: (11) production, (15) best before, (17) expiry. */
export function attributeFacts(attributes: readonly AiValue[], today?: Date): Pick<LotFacts, 'productionDate' | 'expiryDate' | 'bestBeforeDate'> {
  const date = (ai: string) => {
    const v = attributes.find((a) => a.ai === ai)?.value;
    return v ? gs1Date(v, today) : null;
  };
  return { productionDate: date('11'), expiryDate: date('17'), bestBeforeDate: date('15') };
}

const REGION_NAMES = new Intl.DisplayNames(['zh-CN'], { type: 'region' });

/** 中国, 日本, … for an ISO 3166-1 alpha-2 code. */
export function countryName(code: string): string {
  try {
    return REGION_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}
