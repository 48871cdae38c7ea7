/**
 * 登记批次事件: the four critical tracking events a small enterprise records by hand in the web (生产、发货、收货、
 * 检验), turned into EPCIS 2.0 ObjectEvents as the platform's own API takes them (POST /epcis/events). An ERP
 * sends the same events through the API; this is the way for an enterprise without one (重大改革3 浙食链).
 *
 * The mapping follows the CBV 2.0 practice the demo chain and FSMA 204-style exports read (research/traceability.md):
 * the lot as `quantityList[].epcClass` (its Digital Link …/01/<gtin>/10/<lot>), the place as `readPoint` (and
 * `bizLocation` where the goods stay), business documents as CBV §8.5 identifiers `urn:epcglobal:cbv:bt:<GLN>:<no.>`,
 * lot master data as `ilmd` (only with action ADD, EPCIS 2.0 §7.3.2). Shared by the web form and its API test.
 */
import { checkGs1Key } from './gs1/index.ts';
import { EPCIS_CONTEXT_URL } from './trace-api.ts';

export const RECORD_STEPS = ['commissioning', 'shipping', 'receiving', 'inspecting'] as const;
export type RecordStep = (typeof RECORD_STEPS)[number];

export const RECORD_STEP_LABEL: Record<RecordStep, string> = {
  commissioning: '生产（批次入链）',
  shipping: '发货',
  receiving: '收货',
  inspecting: '检验',
};

/** UN/CEFACT Recommendation 20 units offered by the form, in the order shown. */
export const RECORD_UNITS = ['H87', 'XBX', 'KGM', 'TNE', 'LTR'] as const;

export interface RecordEventInput {
  /** `urn:uuid:…`, made once when the form opens: a retry of the same submission is then acknowledged, not doubled */
  eventID: string;
  step: RecordStep;
  /** the batch's Digital Link (…/01/<gtin14>/10/<lot>) */
  batch: string;
  /** the lot as printed (ILMD lotNumber of a production event) */
  lot: string;
  /** null only for an inspection that names no sample size */
  quantity: number | null;
  /** UN/CEFACT Rec 20 code */
  uom: string;
  /** wall-clock time in Huzhou, `YYYY-MM-DDTHH:mm` (the event's eventTimeZoneOffset is +08:00) */
  localTime: string;
  /** one of the enterprise's registered locations */
  location: { identifier: string; gln: string | null };
  /** shipping: the consignee's location GLN (13 digits) */
  destinationGln?: string | null;
  /** shipping / receiving: 发货单号; inspecting: 检验报告编号, or the report's https link */
  reference?: string | null;
  /** inspecting: 合格 (conformant) or 不合格 (non_conformant) */
  conformant?: boolean;
  /** commissioning: 保质期至, YYYY-MM-DD */
  expiryDate?: string | null;
}

export interface RecordEventProblem {
  field: 'quantity' | 'localTime' | 'destinationGln' | 'reference' | 'expiryDate' | 'location';
  message: string;
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// CBV 2.0 §8.5: the part after the issuer's GLN; kept to characters that need no escaping in a URN.
const DOCUMENT_NUMBER = /^[0-9A-Za-z._\-/]{1,50}$/;
const REPORT_URL = /^https:\/\/[^\s"<>]{1,300}$/;
const GLN_FROM_LOCATION = /\/414\/(\d{13})(?:\/|$)/;

/**
 * A fresh `urn:uuid:` eventID (UUID version 4, RFC 9562) from the platform CSPRNG. getRandomValues, not randomUUID:
 * the latter exists only in secure contexts, and a bureau intranet may serve the platform over plain http.
 */
export function randomEventId(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The instant of a Huzhou wall-clock time, as an ISO string with the +08:00 offset. */
export const huzhouInstant = (localTime: string): string => `${localTime}:00+08:00`;

/** The GLN of a registered location: its own field, or the one its identifier carries. */
export function locationGln(location: { identifier: string; gln: string | null }): string | null {
  return location.gln ?? GLN_FROM_LOCATION.exec(location.identifier)?.[1] ?? null;
}

/**
 * Checks what the form collects, in Chinese, per field (the server checks the event again against the EPCIS schema
 * and the enterprise's locations). `now` is injectable for tests.
 */
export function checkRecordEvent(input: RecordEventInput, now = new Date()): RecordEventProblem[] {
  const problems: RecordEventProblem[] = [];
  if (input.step !== 'inspecting' || input.quantity !== null) {
    if (input.quantity === null || !Number.isFinite(input.quantity) || input.quantity <= 0 || input.quantity > 1e9) {
      problems.push({ field: 'quantity', message: '数量应为大于 0 的数（不超过 10 亿）' });
    }
  }
  const timeGiven = LOCAL_TIME.test(input.localTime);
  const instant = timeGiven ? Date.parse(huzhouInstant(input.localTime)) : Number.NaN;
  if (Number.isNaN(instant)) problems.push({ field: 'localTime', message: '请填写发生时间' });
  else if (instant > now.getTime() + 5 * 60_000) problems.push({ field: 'localTime', message: '发生时间不能晚于现在' });
  else if (instant < Date.parse('2000-01-01T00:00:00+08:00')) problems.push({ field: 'localTime', message: '发生时间不能早于 2000 年' });
  const needsGln = input.step !== 'inspecting' || !REPORT_URL.test(input.reference ?? '');
  if (needsGln && input.reference && locationGln(input.location) === null) {
    problems.push({ field: 'location', message: '该地点没有 GLN，无法登记单据号' });
  }
  if (input.step === 'shipping') {
    const gln = input.destinationGln?.trim() ?? '';
    const problem = gln === '' ? null : checkGs1Key('gln', gln);
    if (gln === '') problems.push({ field: 'destinationGln', message: '请填写收货方地点的 GLN（13 位全球位置码）' });
    else if (problem?.rule === 'check') problems.push({ field: 'destinationGln', message: `GLN 校验位错误：最后一位应为 ${problem.expected}` });
    else if (problem) problems.push({ field: 'destinationGln', message: 'GLN 应为 13 位数字' });
  }
  const reference = input.reference?.trim() ?? '';
  if (reference !== '' && !DOCUMENT_NUMBER.test(reference) && !(input.step === 'inspecting' && REPORT_URL.test(reference))) {
    problems.push({
      field: 'reference',
      message:
        input.step === 'inspecting' ? '报告编号为 1–50 个字母、数字或 . _ - /；也可填写以 https:// 开头的报告链接' : '单据号为 1–50 个字母、数字或 . _ - /',
    });
  }
  if (input.step === 'commissioning' && input.expiryDate) {
    if (!DATE.test(input.expiryDate)) problems.push({ field: 'expiryDate', message: '保质期至应为日期' });
    else if (timeGiven && input.expiryDate < input.localTime.slice(0, 10)) problems.push({ field: 'expiryDate', message: '保质期至不能早于生产日期' });
  }
  return problems;
}

const DISPOSITION: Record<Exclude<RecordStep, 'inspecting'>, string> = { commissioning: 'active', shipping: 'in_transit', receiving: 'in_progress' };

/** The business document as a CBV 2.0 §8.5 identifier (an https report link is kept as it is). */
function documentUri(reference: string, location: RecordEventInput['location']): string {
  if (REPORT_URL.test(reference)) return reference;
  return `urn:epcglobal:cbv:bt:${locationGln(location)}:${reference}`;
}

/** The EPCIS 2.0 ObjectEvent for what the form collected (call checkRecordEvent first). */
export function buildRecordEvent(input: RecordEventInput): Record<string, unknown> {
  const where = input.location.identifier;
  const reference = input.reference?.trim() ?? '';
  const quantity = { epcClass: input.batch, ...(input.quantity === null ? {} : { quantity: input.quantity, uom: input.uom }) };
  return {
    '@context': [EPCIS_CONTEXT_URL],
    type: 'ObjectEvent',
    eventID: input.eventID,
    eventTime: huzhouInstant(input.localTime),
    eventTimeZoneOffset: '+08:00',
    action: input.step === 'commissioning' ? 'ADD' : 'OBSERVE',
    bizStep: input.step,
    disposition: input.step === 'inspecting' ? (input.conformant === false ? 'non_conformant' : 'conformant') : DISPOSITION[input.step],
    quantityList: [quantity],
    readPoint: { id: where },
    // goods being shipped leave the place: no bizLocation while in transit (CBV 2.0 shipping)
    ...(input.step === 'shipping' ? {} : { bizLocation: { id: where } }),
    ...(input.step === 'shipping'
      ? {
          sourceList: [{ type: 'location', source: where }],
          destinationList: [{ type: 'location', destination: `https://id.gs1.org/414/${input.destinationGln?.trim()}` }],
        }
      : {}),
    ...(reference === ''
      ? {}
      : { bizTransactionList: [{ type: input.step === 'inspecting' ? 'testres' : 'desadv', bizTransaction: documentUri(reference, input.location) }] }),
    ...(input.step === 'commissioning'
      ? { ilmd: { 'cbvmda:lotNumber': input.lot, ...(input.expiryDate ? { 'cbvmda:itemExpirationDate': input.expiryDate } : {}) } }
      : {}),
  };
}
