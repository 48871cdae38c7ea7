/** Reading and styling helpers shared by the plan module's workbooks (exceljs). */
import ExcelJS from 'exceljs';
import type { ImportCellError } from '../../../../common/plan-api.ts';
import { AppError } from '../../../platform/errors.ts';
import { textColorOn } from './status-labels.ts';

/** An upload that is not a readable xlsx workbook; the error handler renders it as a 400. */
export class WorkbookFormatError extends AppError {
  constructor(reason: string) {
    super(400, 'PLAN_IMPORT_NOT_XLSX', `文件不是有效的 Excel（.xlsx）工作簿：${reason} / The file is not a valid Excel (.xlsx) workbook: ${reason}`, [
      { field: 'fileBase64', rule: 'xlsx', message: '请上传由模板填写的 .xlsx 文件 / upload the .xlsx file filled in from the template' },
    ]);
  }
}

// An xlsx file is a zip archive: it starts with a local file header.
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function loadWorkbook(buffer: Uint8Array): Promise<ExcelJS.Workbook> {
  if (buffer.length < ZIP_MAGIC.length || ZIP_MAGIC.some((b, i) => buffer[i] !== b)) {
    throw new WorkbookFormatError('不是 zip 格式（旧版 .xls 或其他文件）/ not a zip container (legacy .xls or another file type)');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(Buffer.from(buffer) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new WorkbookFormatError(`无法解析 / cannot be parsed (${err instanceof Error ? err.message.slice(0, 120) : 'unknown'})`);
  }
  if (workbook.worksheets.length === 0) throw new WorkbookFormatError('没有工作表 / it has no worksheet');
  return workbook;
}

export async function workbookToBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const out = await workbook.xlsx.writeBuffer();
  // exceljs declares its result as an ArrayBuffer-like; at run time it is a Node Buffer.
  return Buffer.from(out as unknown as ArrayBuffer);
}

/** 1 → "A", 27 → "AA". */
export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellError(row: number, column: number, field: string, rule: string, message: string): ImportCellError {
  const letter = columnLetter(column);
  return { row, column: letter, cell: `${letter}${row}`, field, rule, message };
}

/** Header text compared without any whitespace and in NFKC form (full-width letters, ideographic spaces). */
export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** The text of a cell whatever exceljs made of it (rich text, formula result, hyperlink); blank → null. */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return cellText(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null || (typeof result === 'object' && 'error' in result)) return null;
    return cellText(result);
  }
  if ('hyperlink' in value) return cellText(value.text);
  if ('error' in value) return null;
  return null;
}

/** `percent`: 'text' for typed "98.5%" (value 98.5), 'format' for a %-formatted number cell (value 0.985). */
export type NumberParse = { kind: 'empty' } | { kind: 'number'; value: number; percent: 'text' | 'format' | null } | { kind: 'invalid' };

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number from a cell: a real number, a formula's numeric result, or text such as "1,234.5", "98.5%", "１２．５".
 * `percent` tells a trailing % typed in text from a cell formatted as a percentage (where exceljs holds the
 * fraction: 98.5 % is 0.985); the caller decides what that means for the unit.
 */
export function parseNumberCell(cell: ExcelJS.Cell): NumberParse {
  let value: ExcelJS.CellValue = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    value = value.result ?? null;
  }
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'invalid' };
    return { kind: 'number', value, percent: typeof cell.numFmt === 'string' && cell.numFmt.includes('%') ? 'format' : null };
  }
  // A date, TRUE/FALSE or an error value (#DIV/0!) in a number column is a mistake, not a blank.
  if (typeof value === 'boolean' || value instanceof Date || (typeof value === 'object' && 'error' in value)) return { kind: 'invalid' };
  const text = cellText(value);
  if (text === null) return { kind: 'empty' };
  return parseNumberText(text);
}

export function parseNumberText(raw: string): NumberParse {
  let text = raw.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return { kind: 'empty' };
  // "。" is a common slip for the decimal point on a Chinese keyboard; NFKC leaves it alone.
  text = text.replace(/。/g, '.');
  let percent: 'text' | null = null;
  if (text.endsWith('%')) {
    percent = 'text';
    text = text.slice(0, -1);
  }
  if (GROUPED_NUMBER.test(text)) text = text.replace(/,/g, '');
  if (!PLAIN_NUMBER.test(text)) return { kind: 'invalid' };
  const value = Number(text);
  return Number.isFinite(value) ? { kind: 'number', value, percent } : { kind: 'invalid' };
}

export interface HeaderMatch {
  row: number;
  /** normalized header → 1-based column */
  columns: Map<string, number>;
}

/**
 * The first of the worksheet's top rows that holds every required header (compared normalized, in any order);
 * null when none does. Extra columns are ignored.
 */
export function findHeaderRow(sheet: ExcelJS.Worksheet, required: readonly string[], scanRows = 10): HeaderMatch | null {
  const wanted = required.map(normalizeHeader);
  const last = Math.min(sheet.rowCount, scanRows);
  for (let r = 1; r <= last; r++) {
    const columns = new Map<string, number>();
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const text = cellText(cell.value);
      if (text === null) return;
      const key = normalizeHeader(text);
      if (!columns.has(key)) columns.set(key, col);
    });
    if (wanted.every((h) => columns.has(h))) return { row: r, columns };
  }
  return null;
}

/** Picks the sheet by name, else the first sheet whose top rows hold the headers. */
export function findSheet(workbook: ExcelJS.Workbook, name: string, required: readonly string[]): { sheet: ExcelJS.Worksheet; header: HeaderMatch | null } {
  const named = workbook.worksheets.find((ws) => normalizeHeader(ws.name) === normalizeHeader(name));
  if (named) return { sheet: named, header: findHeaderRow(named, required) };
  for (const ws of workbook.worksheets) {
    const header = findHeaderRow(ws, required);
    if (header) return { sheet: ws, header };
  }
  // exceljs guarantees at least one worksheet after loadWorkbook's check.
  const first = workbook.worksheets[0] as ExcelJS.Worksheet;
  return { sheet: first, header: null };
}

/** The single error a missing or wrong header row produces; it names what the likeliest header row lacks. */
export function headerError(sheet: ExcelJS.Worksheet, required: readonly string[], scanRows = 10): ImportCellError {
  let missing = [...required];
  for (let r = 1; r <= Math.min(sheet.rowCount, scanRows); r++) {
    const present = new Set<string>();
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      const text = cellText(cell.value);
      if (text !== null) present.add(normalizeHeader(text));
    });
    const lacking = required.filter((h) => !present.has(normalizeHeader(h)));
    if (lacking.length < missing.length) missing = lacking;
  }
  const list = missing.join('、');
  return cellError(
    1,
    1,
    'header',
    'header',
    `工作表“${sheet.name}”缺少表头：${list}（请使用下载的模板）/ Worksheet "${sheet.name}" lacks the header row or columns: ${list} (use the downloaded template)`,
  );
}

export function isBlankRow(row: ExcelJS.Row): boolean {
  let blank = true;
  row.eachCell({ includeEmpty: false }, (cell) => {
    if (cellText(cell.value) !== null) blank = false;
  });
  return blank;
}

// ---- styling ----

export function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
export const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFD9D9D9' } },
  left: { style: 'thin', color: { argb: 'FFD9D9D9' } },
  bottom: { style: 'thin', color: { argb: 'FFD9D9D9' } },
  right: { style: 'thin', color: { argb: 'FFD9D9D9' } },
};

export function styleHeaderRow(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
  });
  row.height = 24;
}

/** A cell filled in a status colour with readable text. */
export function paintStatus(cell: ExcelJS.Cell, hex: string): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } };
  cell.font = { ...(cell.font ?? {}), color: { argb: argb(textColorOn(hex)) } };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
}

export function newWorkbook(title: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '湖州市市场监督管理局 质量数智平台';
  workbook.title = title;
  workbook.created = new Date();
  return workbook;
}
