import type { EntityEventKind, EntityStatus, Licence } from '../../api/entities';

export {
  CERTIFICATION_KIND_LABELS,
  CERTIFICATION_STATUS_LABELS,
  ENTITY_EVENT_KIND_LABELS,
  ENTITY_STATUS_LABELS,
  ENTITY_TYPE_LABELS,
  entityTypeFromCreditCode,
  LICENCE_KIND_LABELS,
  LICENCE_STATUS_LABELS,
  SPECIAL_LIST_LABELS,
} from '../../../../common/entity-labels.ts';

/** Tag colours of the registration statuses: trading (green/blue), ended (grey), revoked (red). */
export const STATUS_COLORS: Record<EntityStatus, string> = {
  subsisting: 'green',
  operating: 'blue',
  revoked: 'red',
  cancelled: 'default',
  moved_out: 'orange',
};

/** Timeline dot colours: what a regulator should notice first is red. */
export const EVENT_COLORS: Record<EntityEventKind, string> = {
  registration: 'blue',
  change: 'gray',
  status: 'orange',
  licence: 'cyan',
  certification: 'green',
  inspection: 'blue',
  sampling: 'purple',
  penalty: 'red',
  abnormal_in: 'red',
  abnormal_out: 'green',
  serious_in: 'red',
  serious_out: 'green',
  complaint: 'orange',
  note: 'gray',
};

/** Where a timeline event came from, in words. */
export const SOURCE_MODULE_LABELS: Record<string, string> = {
  entities: '主体登记',
  inspections: '双随机抽查 / 监督抽查',
  risk: '风险预警',
  trace: '追溯监管',
  equipment: '特种设备',
  meters: '计量器具',
};

export interface ExpiryTone {
  text: string;
  color: string;
}

/** How a licence's validity reads on screen: 已过期 (red), 30 天内到期 (red), 90 天内到期 (orange), or plain. */
export function licenceExpiryTone(licence: Pick<Licence, 'status' | 'expiresOn' | 'daysToExpiry' | 'expired'>): ExpiryTone | null {
  if (licence.status !== 'valid') return null;
  if (licence.expired) return { text: '已过期', color: 'red' };
  if (licence.daysToExpiry <= 30) return { text: `${licence.daysToExpiry} 天后到期`, color: 'red' };
  if (licence.daysToExpiry <= 90) return { text: `${licence.daysToExpiry} 天后到期`, color: 'orange' };
  return null;
}

/** Days from today (Asia/Shanghai) to a YYYY-MM-DD date, for the list's next-expiry column. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The credit code as the user types it: upper case, no blanks, at most 18 characters. */
export function normaliseTypedCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase().slice(0, 18);
}
