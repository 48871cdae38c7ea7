/** How a capture job reads to people: its status, its document type and its errors. */
import type { CaptureErrorBehaviour, CaptureStatus } from '../../../api/trace';

export const STATUS_LABEL: Record<CaptureStatus, string> = { running: '处理中', success: '成功', partial: '部分入库', failed: '失败' };
export const STATUS_COLOR: Record<CaptureStatus, string> = { running: 'processing', success: 'success', partial: 'warning', failed: 'error' };

/** How many events of a capture were refused (neither stored nor acknowledged as already stored). */
export const refusedCount = (job: { eventCount: number; storedCount: number; duplicateCount: number }): number =>
  job.eventCount - job.storedCount - job.duplicateCount;

/** GS1-Capture-Error-Behaviour as people read it: what happens to a document with errors. */
export const ERROR_BEHAVIOUR_LABEL: Record<CaptureErrorBehaviour, string> = {
  rollback: '整份入库（有误则整份退回）',
  proceed: '合格事件入库（有误的逐个退回）',
};

const DOCUMENT_LABEL: Record<string, string> = {
  EPCISDocument: 'EPCIS 文档',
  EPCISQueryDocument: 'EPCIS 查询结果文档',
  ObjectEvent: '单个事件 · 对象事件',
  AggregationEvent: '单个事件 · 聚合事件',
  TransformationEvent: '单个事件 · 转化事件',
  AssociationEvent: '单个事件 · 关联事件',
  TransactionEvent: '单个事件 · 交易事件',
};

export function documentTypeLabel(type: string | null): string {
  if (!type) return '—';
  return DOCUMENT_LABEL[type] ?? type;
}

export interface ErrorIssue {
  field: string | null;
  rule: string | null;
  message: string;
}

/** One recorded capture error, read defensively: the stored shape is `{type, title, status, details}` (RFC 9457-like). */
export interface CaptureErrorView {
  title: string;
  code: string | null;
  status: number | null;
  issues: ErrorIssue[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function readCaptureError(error: unknown): CaptureErrorView {
  if (typeof error !== 'object' || error === null) return { title: String(error), code: null, status: null, issues: [] };
  const record = error as Record<string, unknown>;
  const type = text(record.type);
  const details = Array.isArray(record.details) ? record.details : [];
  return {
    title: text(record.title) ?? text(record.message) ?? JSON.stringify(error),
    code: type ? type.replace(/^urn:zhiliang:error:/, '') : null,
    status: typeof record.status === 'number' ? record.status : null,
    issues: details.map((detail): ErrorIssue => {
      if (typeof detail !== 'object' || detail === null) return { field: null, rule: null, message: String(detail) };
      const d = detail as Record<string, unknown>;
      return { field: text(d.field), rule: text(d.rule), message: text(d.message) ?? JSON.stringify(detail) };
    }),
  };
}
