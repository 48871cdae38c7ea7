/**
 * An EPCIS file chosen for upload, read and looked at in the browser before it is sent: too large, not JSON, not an
 * EPCIS document or over the capture limit is said at once, in Chinese, instead of after a round trip. The server
 * still validates everything (EPCIS 2.0 JSON Schema, the enterprise's own locations).
 */
import { EPCIS_CAPTURE_LIMIT, EPCIS_MAX_DOCUMENT_BYTES } from '../../../../../common/trace-api.ts';
import { formatBytes } from '../../plan/shared/format';
import { eventTypeLabel } from '../shared/cbv';
import { documentTypeLabel } from './labels';

export interface DocumentFile {
  name: string;
  size: number;
  /** the parsed document, null when it cannot be sent */
  document: unknown;
  /** why it cannot be sent, in Chinese */
  problem: string | null;
  documentType: string | null;
  schemaVersion: string | null;
  /** events per EPCIS event type, in the file's order of first appearance */
  eventTypes: [string, number][];
  eventCount: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function eventList(doc: Record<string, unknown>): unknown[] | null {
  const body = doc.epcisBody;
  if (!isRecord(body)) return null;
  if (Array.isArray(body.eventList)) return body.eventList;
  const results = isRecord(body.queryResults) && isRecord(body.queryResults.resultsBody) ? body.queryResults.resultsBody.eventList : undefined;
  return Array.isArray(results) ? results : null;
}

/** What a file holds, from its name, size and text. */
export function inspectDocument(name: string, size: number, text: string | null): DocumentFile {
  const file: DocumentFile = { name, size, document: null, problem: null, documentType: null, schemaVersion: null, eventTypes: [], eventCount: 0 };
  if (size > EPCIS_MAX_DOCUMENT_BYTES)
    return { ...file, problem: `文件大小 ${formatBytes(size)}，超过 ${formatBytes(EPCIS_MAX_DOCUMENT_BYTES)} 的上限，请分成几份上传` };
  if (size === 0 || text === null || text.trim() === '') return { ...file, problem: '文件是空的' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ...file, problem: `不是有效的 JSON（${err instanceof Error ? err.message : String(err)}）` };
  }
  if (!isRecord(parsed) || (parsed.type !== 'EPCISDocument' && parsed.type !== 'EPCISQueryDocument')) {
    return { ...file, problem: '不是 EPCIS 文档：顶层的 type 应为 "EPCISDocument"（单个事件请用“登记批次事件”或 POST /epcis/events）' };
  }
  const events = eventList(parsed);
  if (events === null) return { ...file, problem: '文档中没有事件列表（epcisBody.eventList）' };
  const counts = new Map<string, number>();
  for (const e of events) {
    const type = isRecord(e) && typeof e.type === 'string' ? e.type : '未知类型';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const inspected = {
    ...file,
    documentType: parsed.type,
    schemaVersion: typeof parsed.schemaVersion === 'string' ? parsed.schemaVersion : null,
    eventTypes: [...counts],
    eventCount: events.length,
  };
  if (events.length === 0) return { ...inspected, problem: '文档中没有事件' };
  if (events.length > EPCIS_CAPTURE_LIMIT) {
    return { ...inspected, problem: `共 ${events.length} 个事件，超过每次 ${EPCIS_CAPTURE_LIMIT} 个的上限，请分成几份上传` };
  }
  return { ...inspected, document: parsed };
}

/** Reads a chosen file (the browser's File) and inspects it; a file over the limit is not read at all. */
export async function readDocumentFile(file: Blob & { name: string }): Promise<DocumentFile> {
  if (file.size > EPCIS_MAX_DOCUMENT_BYTES) return inspectDocument(file.name, file.size, null);
  return inspectDocument(file.name, file.size, await file.text());
}

/** Label–value rows describing a readable file. */
export function describeDocumentFile(file: DocumentFile): [string, string][] {
  return [
    ['文件', `${file.name}（${formatBytes(file.size)}）`],
    ['文档', `${documentTypeLabel(file.documentType)}${file.schemaVersion ? `，版本 ${file.schemaVersion}` : ''}`],
    ['事件', `${file.eventCount} 个：${file.eventTypes.map(([type, n]) => `${eventTypeLabel(type)} ${n}`).join('、')}`],
  ];
}
