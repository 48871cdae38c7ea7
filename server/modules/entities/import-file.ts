/**
 * Reading an uploaded registry file into a grid of cells, whatever it is: an .xlsx workbook (exceljs)
 * or a CSV text file — UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK, which is what
 * Excel on a Chinese Windows writes for "CSV (逗号分隔)". Comma, semicolon or tab separated (sniffed
 * from the header line), RFC 4180 quoting.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';

/** One cell: its text (trimmed, null when blank), and what a spreadsheet typed it as when not text. */
export interface GridCell {
  text: string | null;
  /** A number cell (credit codes typed into a General column become numbers and lose digits). */
  number?: number;
  /** A date cell, as YYYY-MM-DD. */
  date?: string;
}

export interface GridRow {
  /** 1-based row of the sheet, or record of the CSV file (the header is row 1 when it is the first line). */
  row: number;
  cells: GridCell[];
}

export interface Grid {
  format: 'xlsx' | 'csv';
  sheetName: string | null;
  rows: GridRow[];
}

export class ImportFileError extends AppError {
  constructor(reason: string) {
    super(400, 'ENTITY_IMPORT_BAD_FILE', `无法读取文件：${reason}`, [
      {
        field: 'body.fileBase64',
        rule: 'file',
        message: `请上传由模板填写的 .xlsx 或 .csv 文件 / upload the .xlsx or .csv file filled in from the template (${reason})`,
      },
    ]);
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (buf: Uint8Array, magic: number[]) => buf.length >= magic.length && magic.every((b, i) => buf[i] === b);

/** The grid of an upload: xlsx when it is a zip container, else CSV text. */
export async function readGrid(buffer: Uint8Array, preferredSheet: string): Promise<Grid> {
  if (buffer.length === 0) throw new ImportFileError('文件为空 / the file is empty');
  if (startsWith(buffer, ZIP_MAGIC)) return readXlsx(buffer, preferredSheet);
  if (startsWith(buffer, OLE_MAGIC))
    throw new ImportFileError('旧版 .xls 格式不受支持，请另存为 .xlsx 或 CSV / legacy .xls is not supported, save as .xlsx or CSV');
  return { format: 'csv', sheetName: null, rows: parseCsv(decodeText(buffer)) };
}

/** Text of a CSV upload: BOMs honoured; otherwise UTF-8 when it decodes cleanly, else GB18030 (a superset of GBK). */
export function decodeText(buffer: Uint8Array): string {
  if (startsWith(buffer, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(buffer.subarray(3));
  if (startsWith(buffer, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (startsWith(buffer, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

const cellOf = (raw: string): GridCell => {
  const text = raw.trim();
  return { text: text === '' ? null : text };
};

/** RFC 4180 CSV → rows of cells; fully blank records are kept (numbered) so row numbers match the file. */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): GridRow[] {
  const rows: GridRow[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  const endField = () => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    rows.push({ row: rows.length + 1, cells: record.map(cellOf) });
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === delimiter) endField();
    else if (ch === '\r') {
      if (text.charAt(i + 1) === '\n') i++;
      endRecord();
    } else if (ch === '\n') endRecord();
    else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return rows;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The text of a cell whatever exceljs made of it (rich text, formula result, hyperlink); blank → null. */
function xlsxCell(value: ExcelJS.CellValue): GridCell {
  if (value === null || value === undefined) return { text: null };
  if (typeof value === 'string') return cellOf(value);
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'boolean') return { text: String(value) };
  // exceljs reads date cells as JS Dates at UTC midnight of the calendar day.
  if (value instanceof Date) return { text: isoDate(value), date: isoDate(value) };
  if ('richText' in value) return cellOf(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date) && 'error' in result)) return { text: null };
    return xlsxCell(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return cellOf(String(value.text ?? ''));
  return { text: null };
}

async function readXlsx(buffer: Uint8Array, preferredSheet: string): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(Buffer.from(buffer) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new ImportFileError(`不是有效的 .xlsx 工作簿 / not a valid .xlsx workbook (${err instanceof Error ? err.message.slice(0, 120) : 'unknown'})`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.name.trim() === preferredSheet) ?? workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('工作簿中没有工作表 / the workbook has no worksheet');
  const rows: GridRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: GridCell[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 0); c++) cells.push(xlsxCell(row.getCell(c).value));
    rows.push({ row: r, cells });
  }
  return { format: 'xlsx', sheetName: sheet.name, rows };
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

/** A CSV line with RFC 4180 quoting where needed. */
export function csvLine(values: (string | null | undefined)[]): string {
  return values.map((v) => (v === null || v === undefined ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}
