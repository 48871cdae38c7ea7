/**
 * The yearly data-entry workbook (数据填报): a pre-filled template for one region and year, and the parser that
 * reads it back into rows and per-cell errors. Pure: no database; the caller saves the rows.
 */
import type ExcelJS from 'exceljs';
import type { Accumulation, ImportCellError, ValueStatus } from '../../../../common/plan-api.ts';
import { ACCUMULATION_LABELS, VALUE_STATUS_LABELS } from './status-labels.ts';
import {
  cellError,
  cellText,
  findSheet,
  headerError,
  LOCKED_FILL,
  loadWorkbook,
  type NumberParse,
  newWorkbook,
  normalizeHeader,
  parseNumberCell,
  styleHeaderRow,
  THIN_BORDER,
  workbookToBuffer,
} from './xlsx-common.ts';

export const VALUES_SHEET = '数据填报';
export const VALUES_HELP_SHEET = '说明';

/** The template's headers, in template order; the parser finds them by text in any order. */
export const VALUE_HEADERS = {
  code: '指标编码',
  name: '指标名称',
  unit: '单位',
  year: '年度',
  regionCode: '地区代码',
  regionName: '地区',
  value: '数值',
  numerator: '分子',
  denominator: '分母',
  sourceNote: '数据来源说明',
  status: '当前状态',
} as const;

type ValueColumn = keyof typeof VALUE_HEADERS;
// Object.keys loses the key type; these are exactly the keys of the const object above.
const VALUE_COLUMNS = Object.keys(VALUE_HEADERS) as ValueColumn[];

const REQUIRED_HEADERS = [VALUE_HEADERS.code, VALUE_HEADERS.year, VALUE_HEADERS.regionCode, VALUE_HEADERS.value] as const;

export const SOURCE_NOTE_MAX = 500;

export interface ValuesTemplateIndicator {
  id: string;
  code: string;
  name: string;
  unit: string;
  category: string;
  accumulation: Accumulation;
  valueMin: number | null;
  valueMax: number | null;
}

export interface ExistingValue {
  value: number;
  numerator: number | null;
  denominator: number | null;
  sourceNote: string | null;
  status: ValueStatus;
  version: number;
}

export interface ValuesTemplateInput {
  planName: string;
  year: number;
  region: { code: string; name: string };
  indicators: ValuesTemplateIndicator[];
  /** indicator id → the cell's current value */
  existing: Record<string, ExistingValue>;
  demo: boolean;
}

const TITLE_ROW = 1;
const HEADER_ROW = 2;

/** What to enter for each accumulation type (新增 is the year's additions, not a running total). */
function accumulationHint(accumulation: Accumulation, year: number): string {
  if (accumulation === 'increment') return `${ACCUMULATION_LABELS.increment}类：填写${year}年当年新增数量，不是累计数`;
  if (accumulation === 'cumulative') return `${ACCUMULATION_LABELS.cumulative}类：填写截至${year}年底的累计总数`;
  return `填写${year}年的年度值`;
}

function rangeText(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return `${min}～${max}`;
  if (min !== null) return `不小于 ${min}`;
  if (max !== null) return `不大于 ${max}`;
  return null;
}

/** Builds the pre-filled data-entry template for one region and year. */
export async function buildValuesTemplate(input: ValuesTemplateInput): Promise<Buffer> {
  const workbook = newWorkbook(`${input.planName} ${input.year}年度数据填报`);
  const ws = workbook.addWorksheet(VALUES_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW }] });
  const headers = Object.values(VALUE_HEADERS);
  const widths: Record<ValueColumn, number> = {
    code: 10,
    name: 40,
    unit: 12,
    year: 8,
    regionCode: 10,
    regionName: 10,
    value: 14,
    numerator: 12,
    denominator: 12,
    sourceNote: 36,
    status: 16,
  };
  ws.columns = VALUE_COLUMNS.map((k) => ({ key: k, width: widths[k] }));
  const col = (k: ValueColumn) => VALUE_COLUMNS.indexOf(k) + 1;
  const editable = new Set<number>([col('value'), col('numerator'), col('denominator'), col('sourceNote')]);

  const title = ws.getRow(TITLE_ROW);
  title.getCell(1).value = `${input.planName}　${input.year}年度数据填报　${input.region.name}（${input.region.code}）${input.demo ? '　【演示数据】' : ''}`;
  title.font = { bold: true, size: 13, color: { argb: input.demo ? 'FFCF1322' : 'FF000000' } };
  title.height = 24;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, headers.length);

  const header = ws.getRow(HEADER_ROW);
  header.values = headers;
  styleHeaderRow(header);
  for (const c of editable) header.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7E6' } };

  input.indicators.forEach((ind, i) => {
    const existing = input.existing[ind.id];
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = [
      ind.code,
      ind.name,
      ind.unit,
      input.year,
      input.region.code,
      input.region.name,
      existing?.value ?? null,
      existing?.numerator ?? null,
      existing?.denominator ?? null,
      existing?.sourceNote ?? null,
      existing ? `${VALUE_STATUS_LABELS[existing.status]}（第${existing.version}版）` : '未填报',
    ];
    for (let c = 1; c <= headers.length; c++) {
      const cell = row.getCell(c);
      cell.border = THIN_BORDER;
      if (editable.has(c)) {
        cell.protection = { locked: false };
      } else {
        cell.protection = { locked: true };
        cell.fill = LOCKED_FILL;
      }
    }
    // The region code is text ("330502"), never a number Excel might reformat.
    row.getCell(col('regionCode')).numFmt = '@';
    row.getCell(col('name')).alignment = { wrapText: true, vertical: 'middle' };
    row.getCell(col('sourceNote')).alignment = { wrapText: true, vertical: 'middle' };
    const range = rangeText(ind.valueMin, ind.valueMax);
    const valueCell = row.getCell(col('value'));
    valueCell.dataValidation = {
      type: 'decimal',
      allowBlank: true,
      ...(ind.valueMin !== null && ind.valueMax !== null
        ? { operator: 'between', formulae: [ind.valueMin, ind.valueMax] }
        : ind.valueMin !== null
          ? { operator: 'greaterThanOrEqual', formulae: [ind.valueMin] }
          : ind.valueMax !== null
            ? { operator: 'lessThanOrEqual', formulae: [ind.valueMax] }
            : // No known range: still a number (Excel needs a range for `decimal`; ±1e15 is "any").
              { operator: 'between', formulae: [-1e15, 1e15] }),
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '数值无效',
      error: range ? `请输入 ${range} 之间的数字（单位：${ind.unit}）` : `请输入数字（单位：${ind.unit}）`,
      showInputMessage: true,
      promptTitle: ind.code,
      prompt: `${accumulationHint(ind.accumulation, input.year)}；单位：${ind.unit}${range ? `；范围 ${range}` : ''}`.slice(0, 255),
    };
    for (const k of ['numerator', 'denominator'] as const) {
      row.getCell(col(k)).dataValidation = {
        type: 'decimal',
        allowBlank: true,
        operator: 'between',
        formulae: [-1e15, 1e15],
        showErrorMessage: true,
        errorTitle: '数值无效',
        error: '请输入数字',
      };
    }
    row.getCell(col('sourceNote')).dataValidation = {
      type: 'textLength',
      allowBlank: true,
      operator: 'lessThanOrEqual',
      formulae: [SOURCE_NOTE_MAX],
      showErrorMessage: true,
      errorTitle: '内容过长',
      error: `数据来源说明不超过 ${SOURCE_NOTE_MAX} 字`,
    };
  });

  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` };
  // Locked columns keep codes, year and region intact; no password: this guards against slips, not people.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: true,
  });

  addHelpSheet(workbook, input);
  return workbookToBuffer(workbook);
}

function addHelpSheet(workbook: ExcelJS.Workbook, input: ValuesTemplateInput): void {
  const ws = workbook.addWorksheet(VALUES_HELP_SHEET, { views: [{ showGridLines: false }] });
  ws.columns = [{ width: 110 }];
  const lines: [string, boolean][] = [
    ['填报说明', true],
    [`规划：${input.planName}；年度：${input.year}；地区：${input.region.name}（${input.region.code}）`, false],
    ...(input.demo ? [['本模板包含演示数据，仅供演示使用。', true] satisfies [string, boolean]] : []),
    ['1. 只在“数值”“分子”“分母”“数据来源说明”四列填写；灰色列（指标编码、名称、单位、年度、地区、当前状态）已锁定，请勿修改。', false],
    ['2. “数值”填写数字，不要带单位；百分比指标填写百分数本身，例如 98.5 表示 98.5%（写成“98.5%”也可识别）。', false],
    ['3. “新增”类指标填写当年新增数量；“累计”类指标填写截至年底的累计总数；其余指标填写当年的年度值。', false],
    ['4. 按比例计算的指标可同时填写分子和分母，便于核对；数据来源说明请注明统计口径、发布单位或文件名。', false],
    ['5. “数值”留空的行不导入；不要增加新行、复制行或修改表头。', false],
    ['6. 导入后数据为“草稿”，需在平台中提交并经市局审核后才会发布；“已审核”的数值如需更正，请在平台中提交更正并说明原因。', false],
    ['7. 导入时逐格校验：数字格式、合理范围、指标编码、年度与地区是否与所选一致、重复行；出错的单元格会在导入结果中列出（如 G7）。', false],
  ];
  for (const [text, bold] of lines) {
    const row = ws.addRow([text]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).font = bold ? { bold: true, size: 12 } : { size: 11 };
  }
}

// ---- parsing ----

export interface ParsedValueRow {
  /** 1-based spreadsheet row */
  row: number;
  indicatorId: string;
  code: string;
  year: number;
  regionCode: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  sourceNote: string | null;
}

export interface ValuesExpectation {
  year: number;
  regionCode: string;
  indicatorsByCode: Record<string, { id: string; valueMin: number | null; valueMax: number | null; unit: string }>;
}

export interface ParsedValues {
  rows: ParsedValueRow[];
  errors: ImportCellError[];
  /** data rows with a value, valid or not (rows with an empty 数值 are not counted) */
  rowsRead: number;
}

const FIELD_LABEL: Record<string, [zh: string, en: string]> = {
  value: ['数值', 'value'],
  numerator: ['分子', 'numerator'],
  denominator: ['分母', 'denominator'],
};

function isPercentUnit(unit: string): boolean {
  return unit.trim() === '%' || unit.trim() === '％';
}

/** Applies the unit to a parsed number: "98.5%" and a 98.5 %-formatted cell both mean 98.5 for a "%" indicator. */
function numberFor(parsed: Extract<NumberParse, { kind: 'number' }>, unit: string | null): number | 'percent_not_allowed' {
  if (parsed.percent === null) return parsed.value;
  if (unit === null || !isPercentUnit(unit)) return 'percent_not_allowed';
  // A %-formatted cell holds the fraction; typed text "98.5%" already holds the percentage.
  return parsed.percent === 'format' ? Number((parsed.value * 100).toPrecision(12)) : parsed.value;
}

/** Reads a filled-in template back: valid rows, per-cell errors, rows with an empty 数值 skipped. */
export async function parseValuesWorkbook(buffer: Uint8Array, expected: ValuesExpectation): Promise<ParsedValues> {
  const workbook = await loadWorkbook(buffer);
  const { sheet, header } = findSheet(workbook, VALUES_SHEET, REQUIRED_HEADERS);
  if (!header) return { rows: [], errors: [headerError(sheet, REQUIRED_HEADERS)], rowsRead: 0 };
  const column = (k: ValueColumn): number | null => header.columns.get(normalizeHeader(VALUE_HEADERS[k])) ?? null;
  // findSheet only returns a header match holding every required header, so these four are present.
  const codeCol = column('code') as number;
  const yearCol = column('year') as number;
  const regionCol = column('regionCode') as number;
  const valueCol = column('value') as number;
  const numeratorCol = column('numerator');
  const denominatorCol = column('denominator');
  const noteCol = column('sourceNote');

  // Codes match case-insensitively ("i01" is I01); the row carries the plan's own spelling.
  const byCode = new Map(Object.entries(expected.indicatorsByCode).map(([code, ind]) => [code.toUpperCase(), { code, ...ind }]));
  const rows: ParsedValueRow[] = [];
  const errors: ImportCellError[] = [];
  const firstRowOfCode = new Map<string, number>();
  let rowsRead = 0;

  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const valueParsed = parseNumberCell(row.getCell(valueCol));
    if (valueParsed.kind === 'empty') continue;
    rowsRead += 1;
    const rowErrors: ImportCellError[] = [];
    const fail = (c: number, field: string, rule: string, message: string) => rowErrors.push(cellError(r, c, field, rule, message));

    const typed = cellText(row.getCell(codeCol).value)?.normalize('NFKC').replace(/\s+/g, '') ?? null;
    const indicator = typed === null ? undefined : byCode.get(typed.toUpperCase());
    const code = indicator?.code ?? typed;
    if (code === null) fail(codeCol, 'indicatorCode', 'required', '指标编码不能为空 / indicator code is required');
    else if (!indicator) fail(codeCol, 'indicatorCode', 'unknown_indicator', `指标编码 ${code} 不属于本规划 / unknown indicator code ${code}`);
    else {
      const first = firstRowOfCode.get(code);
      if (first !== undefined)
        fail(codeCol, 'indicatorCode', 'duplicate', `指标 ${code} 重复填报（与第 ${first} 行重复）/ indicator ${code} repeats row ${first}`);
      else firstRowOfCode.set(code, r);
    }

    const year = parseYear(row.getCell(yearCol).value);
    if (year === null) fail(yearCol, 'year', 'required', '年度必须是四位年份 / year must be a four-digit year');
    else if (year !== expected.year)
      fail(yearCol, 'year', 'year_mismatch', `年度 ${year} 与所选年度 ${expected.year} 不一致 / year ${year} is not ${expected.year}`);

    const regionCode = cellText(row.getCell(regionCol).value)?.normalize('NFKC').replace(/\s+/g, '') ?? null;
    if (regionCode === null) fail(regionCol, 'regionCode', 'required', '地区代码不能为空 / region code is required');
    else if (regionCode !== expected.regionCode) {
      fail(
        regionCol,
        'regionCode',
        'region_mismatch',
        `地区代码 ${regionCode} 与所选地区 ${expected.regionCode} 不一致 / region ${regionCode} is not ${expected.regionCode}`,
      );
    }

    const unit = indicator?.unit ?? null;
    const readNumber = (c: number | null, field: 'value' | 'numerator' | 'denominator', parsed?: NumberParse): number | null => {
      if (c === null) return null;
      const p = parsed ?? parseNumberCell(row.getCell(c));
      const [zh, en] = FIELD_LABEL[field] ?? [field, field];
      if (p.kind === 'empty') return null;
      if (p.kind === 'invalid') {
        fail(c, field, 'number', `${zh}必须是数字 / ${en} must be a number`);
        return null;
      }
      const n = numberFor(p, field === 'value' ? unit : null);
      if (n === 'percent_not_allowed') {
        const why = field === 'value' ? `该指标单位为“${unit ?? '?'}”，不是百分比` : '分子分母填写原始数';
        fail(c, field, 'number', `${zh}不能带百分号（${why}）/ ${en} must not be a percentage here`);
        return null;
      }
      return n;
    };

    const value = readNumber(valueCol, 'value', valueParsed);
    if (value !== null && indicator) {
      const { valueMin: min, valueMax: max } = indicator;
      if ((min !== null && value < min) || (max !== null && value > max)) {
        const range = rangeText(min, max) ?? '';
        fail(valueCol, 'value', 'range', `数值 ${value} 超出合理范围（${range}）/ value ${value} is outside ${min ?? '−∞'}…${max ?? '∞'}`);
      }
    }
    const numerator = readNumber(numeratorCol, 'numerator');
    const denominator = readNumber(denominatorCol, 'denominator');
    if (denominator === 0 && denominatorCol !== null) fail(denominatorCol, 'denominator', 'range', '分母不能为 0 / denominator must not be 0');

    let sourceNote: string | null = null;
    if (noteCol !== null) {
      sourceNote = cellText(row.getCell(noteCol).value);
      if (sourceNote !== null && sourceNote.length > SOURCE_NOTE_MAX) {
        fail(noteCol, 'sourceNote', 'length', `数据来源说明超过 ${SOURCE_NOTE_MAX} 字 / source note is longer than ${SOURCE_NOTE_MAX} characters`);
      }
    }

    if (rowErrors.length > 0 || !indicator || code === null || year === null || regionCode === null || value === null) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ row: r, indicatorId: indicator.id, code, year, regionCode, value, numerator, denominator, sourceNote });
  }
  return { rows, errors, rowsRead };
}

/** 2023, "2023", "2023年" → 2023. */
function parseYear(value: ExcelJS.CellValue): number | null {
  const text = cellText(value)?.normalize('NFKC').replace(/\s+/g, '').replace(/年$/, '') ?? null;
  if (text === null || !/^\d{4}$/.test(text)) return null;
  return Number(text);
}
