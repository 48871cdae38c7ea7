import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/scope.ts';
import type { EpcisEvent } from './epcis/index.ts';
import { indexEvent } from './epcis/index.ts';
import { canonicalLocation } from './location-service.ts';
import { type TraceDirection, traceCode } from './trace-service.ts';

/**
 * The sortable spreadsheet a regulator hands over (FSMA 204 style "electronic sortable spreadsheet"):
 * one row per critical tracking event on the trace, with its key data elements — what (code, lot,
 * quantity, unit), where (location, from, to), when, and the reference document.
 */

export const EXPORT_HEADERS = [
  '事件时间',
  '事件类型',
  '业务步骤',
  '追溯码',
  '批次/序列号',
  '数量',
  '单位',
  '发生地点',
  '地点名称',
  '来源地点',
  '目的地点',
  '单据',
  '事件ID',
] as const;

const BIZ_STEP_ZH: Record<string, string> = {
  commissioning: '生产赋码',
  packing: '装箱',
  unpacking: '拆箱',
  shipping: '发货',
  receiving: '收货',
  inspecting: '检验',
  sampling: '抽样',
  transforming: '加工',
  storing: '入库',
  retail_selling: '零售',
  destroying: '销毁',
  decommissioning: '注销',
  accepting: '验收',
  departing: '出发',
  arriving: '到达',
};

const lotOf = (code: string) => /\/(?:10|21)\/([^/?#]+)/.exec(code)?.[1] ?? '';

export async function traceRows(db: Db, actor: Actor, code: string, direction: TraceDirection): Promise<string[][]> {
  const trace = await traceCode(db, actor, code, direction);
  if (trace.events.length === 0) return [];
  const events = await db
    .selectFrom('trace_event as e')
    .innerJoin('trace_event_key as k', (join) => join.onRef('k.event_pk', '=', 'e.id').onRef('k.event_time', '=', 'e.event_time'))
    .select(['e.event_id', 'e.event_time', 'e.document', 'e.biz_location'])
    .where('k.event_id', 'in', trace.events)
    .orderBy('e.event_time')
    .execute();
  const names = new Map((await db.selectFrom('trace_location').select(['identifier', 'name']).execute()).map((l) => [l.identifier, l.name]));
  const reached = new Set(trace.codes);
  const rows: string[][] = [];
  for (const e of events) {
    const index = indexEvent(e.document as EpcisEvent);
    const what = index.identifiers.filter((i) => i.role !== 'sensor');
    const from = index.sources.map((s) => canonicalLocation(s.id)).join('; ');
    const to = index.destinations.map((d) => canonicalLocation(d.id)).join('; ');
    const docs = index.bizTransactions.map((b) => `${b.type ?? ''}:${b.id}`).join('; ');
    const place = e.biz_location ?? '';
    for (const item of what.length ? what : [{ value: '', role: 'epc' as const }]) {
      const codeText = item.value;
      // The rows of the trace: identifiers on the path first; other items of the same event are kept (a shipment lists all it carried).
      rows.push([
        new Date(e.event_time).toISOString(),
        index.type,
        index.bizStep ? (BIZ_STEP_ZH[index.bizStep] ?? index.bizStep) : '',
        codeText,
        lotOf(codeText),
        'quantity' in item && item.quantity !== undefined ? String(item.quantity) : '',
        'uom' in item && item.uom !== undefined ? item.uom : '',
        place,
        names.get(place) ?? '',
        from,
        to,
        docs,
        e.event_id,
      ]);
    }
  }
  rows.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? '') || Number(!reached.has(a[3] ?? '')) - Number(!reached.has(b[3] ?? '')));
  return rows;
}

export async function traceWorkbook(rows: string[][], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '湖州市市场监督管理局 质量数智平台';
  const ws = wb.addWorksheet('关键追溯事件', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, EXPORT_HEADERS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.addRow([...EXPORT_HEADERS]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + rows.length, column: EXPORT_HEADERS.length } };
  ws.columns.forEach((c, i) => {
    c.width = [24, 18, 10, 48, 16, 10, 8, 36, 24, 36, 36, 36, 44][i] ?? 16;
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** RFC 4180 CSV with a UTF-8 BOM so Excel opens the Chinese headers correctly. */
export function traceCsv(rows: string[][]): string {
  const esc = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${[[...EXPORT_HEADERS], ...rows].map((r) => r.map(esc).join(',')).join('\r\n')}\r\n`;
}
