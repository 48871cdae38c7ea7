/**
 * Chinese names for EPCIS 2.0 event types and actions and for the GS1 Core Business Vocabulary (CBV 2.0 §7)
 * values the trace pages show, plus event times in the event's own time zone.
 */

/**
 * The bare CBV word of a value in any spelling: `shipping`, `urn:epcglobal:cbv:bizstep:shipping` (CBV 1.x,
 * EPCIS XML) or `https://ref.gs1.org/cbv/BizStep-shipping` (CBV 2.0 Web URI). Anything else is returned unchanged.
 */
export function cbvWord(value: string): string {
  const urn = /^urn:epcglobal:cbv:(?:bizstep|disp|btt|sdt|er):(.+)$/i.exec(value);
  if (urn?.[1]) return urn[1];
  const web = /^https?:\/\/(?:ref|ns)\.gs1\.org\/cbv\/(?:BizStep|Disp|BTT|SDT|ER)-(.+)$/.exec(value);
  if (web?.[1]) return web[1];
  return value;
}

export const EVENT_TYPE_LABEL: Record<string, string> = {
  ObjectEvent: '对象事件',
  AggregationEvent: '聚合事件',
  TransactionEvent: '交易事件',
  TransformationEvent: '转化事件',
  AssociationEvent: '关联事件',
};

export const ACTION_LABEL: Record<string, string> = { ADD: '新增', OBSERVE: '观察', DELETE: '删除' };

/** CBV 2.0 §7.1 business steps. */
export const BIZ_STEP_LABEL: Record<string, string> = {
  accepting: '验收',
  arriving: '到达',
  assembling: '组装',
  collecting: '收集',
  commissioning: '赋码生产',
  consigning: '托运',
  creating_class_instance: '生成产品实例',
  cycle_counting: '循环盘点',
  decommissioning: '注销',
  departing: '离开',
  destroying: '销毁',
  disassembling: '拆解',
  dispensing: '分发',
  encoding: '编码',
  entering_exiting: '进出',
  holding: '暂扣',
  inspecting: '检验',
  installing: '安装',
  killing: '停用',
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
  sensor_reporting: '传感器上报',
  shipping: '发货',
  staging_outbound: '出库备货',
  stock_taking: '盘库',
  stocking: '上架',
  storing: '入库存储',
  transporting: '运输',
  unloading: '卸货',
  unpacking: '拆箱',
  void_shipping: '取消发货',
};

/** CBV 2.0 §7.2 dispositions. */
export const DISPOSITION_LABEL: Record<string, string> = {
  active: '有效',
  available: '可用',
  completeness_inferred: '推定完整',
  completeness_verified: '核实完整',
  conformant: '合格',
  container_closed: '已封箱',
  container_open: '已开箱',
  damaged: '损坏',
  destroyed: '已销毁',
  dispensed: '已分发',
  disposed: '已处置',
  encoded: '已编码',
  expired: '已过期',
  in_progress: '处理中',
  in_transit: '在途',
  inactive: '无效',
  mismatch_instance: '实例不符',
  mismatch_class: '品类不符',
  mismatch_quantity: '数量不符',
  needs_replacement: '需更换',
  no_pedigree_match: '谱系不符',
  non_conformant: '不合格',
  non_sellable_other: '不可销售',
  partially_dispensed: '部分分发',
  recalled: '已召回',
  reserved: '已预留',
  retail_sold: '已售出',
  returned: '已退回',
  sellable_accessible: '可售（可取）',
  sellable_not_accessible: '可售（不可取）',
  stolen: '被盗',
  unavailable: '不可用',
  unknown: '未知',
};

/** CBV 2.0 §7.3 business transaction types. */
export const BIZ_TRANSACTION_LABEL: Record<string, string> = {
  bol: '提单',
  cert: '证书',
  desadv: '发货通知',
  inv: '发票',
  pedigree: '谱系',
  po: '采购订单',
  poc: '采购订单确认',
  prodorder: '生产订单',
  recadv: '收货通知',
  rma: '退货授权',
  testprd: '检测报告',
  testres: '检测结果',
  upevt: '上游事件',
};

/** CBV 2.0 §7.4 source/destination types. */
export const SOURCE_DEST_LABEL: Record<string, string> = { owning_party: '所有方', possessing_party: '持有方', location: '地点' };

/** UN/CEFACT Recommendation 20 units the food and goods chains use most. */
export const UOM_LABEL: Record<string, string> = {
  KGM: '千克',
  GRM: '克',
  TNE: '吨',
  LTR: '升',
  MLT: '毫升',
  MTQ: '立方米',
  MTR: '米',
  MTK: '平方米',
  H87: '件',
  EA: '个',
  C62: '个',
  XBX: '箱',
  XCT: '纸箱',
  XPX: '托盘',
  XBG: '袋',
  XBO: '瓶',
};

const labelOf = (labels: Record<string, string>, value: string | null | undefined): string => {
  if (!value) return '—';
  const word = cbvWord(value);
  return labels[word] ?? word;
};

export const bizStepLabel = (value: string | null | undefined) => labelOf(BIZ_STEP_LABEL, value);
export const dispositionLabel = (value: string | null | undefined) => labelOf(DISPOSITION_LABEL, value);
export const bizTransactionLabel = (value: string | null | undefined) => labelOf(BIZ_TRANSACTION_LABEL, value);
export const sourceDestLabel = (value: string | null | undefined) => labelOf(SOURCE_DEST_LABEL, value);
export const eventTypeLabel = (type: string) => EVENT_TYPE_LABEL[type] ?? type;
export const uomLabel = (uom: string | null | undefined): string => (uom ? (UOM_LABEL[uom] ?? uom) : '');

/**
 * A business document as people cite it: "采购订单 PO-2026-118（GLN 6970000000017）" for a CBV 2.0 §8.5
 * identifier `urn:epcglobal:cbv:bt:<issuer GLN>:<number>`; other identifiers as written after the type.
 */
export function documentText(type: string | null, id: string): string {
  const match = /^urn:epcglobal:cbv:bt:(\d{13}):(.+)$/.exec(id);
  const reference = match ? `${match[2]}（GLN ${match[1]}）` : id;
  return type ? `${bizTransactionLabel(type)} ${reference}` : reference;
}

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An event time as the place it happened saw it: "2026-11-05 10:00:00" in its eventTimeZoneOffset (EPCIS 2.0
 * §7.3.1), with the offset named when it is not China's +08:00. Falls back to the time as written.
 */
export function formatEventTime(eventTime: string, offset?: string | null): string {
  const ms = Date.parse(eventTime);
  if (Number.isNaN(ms)) return eventTime;
  const match = OFFSET.exec(offset ?? '+08:00') ?? OFFSET.exec('+08:00');
  const sign = match?.[1] === '-' ? -1 : 1;
  const minutes = sign * (Number(match?.[2] ?? 8) * 60 + Number(match?.[3] ?? 0));
  const local = new Date(ms + minutes * 60_000);
  const text = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const shown = match?.[0] ?? '+08:00';
  return shown === '+08:00' ? text : `${text}（UTC${shown}）`;
}
