/**
 * The 关键追溯事件 table as CSV, built in the browser. One row per event and traced object, in the spirit
 * of the FDA FSMA 204 "electronic sortable spreadsheet" (21 CFR 1.1455(c)(3)(ii)): the key data elements of
 * each critical tracking event — when, what (code, lot, quantity, unit), where from, where to, where, and
 * the reference documents. UTF-8 with a byte-order mark so Excel opens the Chinese correctly. The formal
 * xlsx export is a server endpoint (the lead's); this is the quick, client-side copy of what is on screen.
 */
import { documentText, sourceDestLabel, uomLabel } from './cbv';
import { describeCode, type LocationNames, locationText } from './codes';
import { type EventRow, eventKindText, ROLE_LABEL } from './events';

export const EVENT_CSV_HEADER = [
  '事件时间',
  '事件类型',
  '业务步骤',
  '追溯码',
  '批次',
  '数量',
  '单位',
  '来源地点',
  '目的地点',
  '发生地点',
  '单据',
  '对象角色',
  '事件ID',
] as const;

/**
 * One CSV field: quoted when it holds a comma, quote or line break (RFC 4180); text that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of cells → CSV text with CRLF line ends and a leading BOM. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const places = (list: readonly { type: string; id: string }[], names?: LocationNames): string =>
  list
    .map((entry) => (entry.type === 'location' ? locationText(entry.id, names) : `${sourceDestLabel(entry.type)} ${locationText(entry.id, names)}`))
    .join('；');

/** An instance-level EPC counts one of itself: one item, one pallet. */
function instanceUnit(code: string): string {
  const kind = describeCode(code).kind;
  return kind === 'sscc' ? '托盘' : kind === 'item' ? '件' : '';
}

/** "千克（KGM）" for a known UN/CEFACT unit, the code as written otherwise. */
export function unitText(uom: string | null): string {
  if (!uom) return '';
  const label = uomLabel(uom);
  return label === uom ? uom : `${label}（${uom}）`;
}

/**
 * The export's rows: header first, then one row per event × object (an event naming nothing still gets one row).
 * Places carry their registered name when `names` knows it (FSMA 204's "location description").
 */
export function eventCsvRows(rows: readonly EventRow[], names?: LocationNames): (string | number | null)[][] {
  const out: (string | number | null)[][] = [[...EVENT_CSV_HEADER]];
  for (const row of rows) {
    const common = {
      time: row.timeText,
      kind: row.declaredError ? `${eventKindText(row)}（已声明有误）` : eventKindText(row),
      step: row.bizStep ? row.bizStepLabel : '',
      from: places(row.sources, names),
      to: places(row.destinations, names),
      where: row.location ? locationText(row.location, names) : '',
      docs: row.transactions.map((t) => documentText(t.type, t.id)).join('；'),
    };
    const objects = row.objects.length > 0 ? row.objects : [null];
    for (const object of objects) {
      const info = object ? describeCode(object.code) : null;
      const instance = object?.instance === true;
      out.push([
        common.time,
        common.kind,
        common.step,
        object?.code ?? '',
        info?.lot ?? info?.serial ?? info?.sscc ?? '',
        instance ? 1 : (object?.quantity ?? ''),
        object && instance ? instanceUnit(object.code) : unitText(object?.uom ?? null),
        common.from,
        common.to,
        common.where,
        common.docs,
        object ? ROLE_LABEL[object.role] : '',
        row.eventID,
      ]);
    }
  }
  return out;
}

/** A file name safe on Windows and macOS: 关键追溯事件_<what>_<yyyymmdd>.csv */
export function csvFileName(subject: string, today = new Date()): string {
  const date = `${today.getFullYear()}${String(today.getMonth() + 1).padStart(2, '0')}${String(today.getDate()).padStart(2, '0')}`;
  const safe = subject.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  return `关键追溯事件_${safe}_${date}.csv`;
}

/** Hands the CSV to the browser as a download (no server round trip). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
