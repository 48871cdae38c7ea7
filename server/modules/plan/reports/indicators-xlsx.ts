/**
 * The indicator list workbook (指标清单): exported from a plan and read back, so that a new plan (2026–2030)
 * can be entered through an xlsx import. Pure: the caller creates or updates indicators by code.
 */
import type ExcelJS from 'exceljs';
import type { Accumulation, ImportCellError, Indicator, IndicatorDirection, IndicatorInput, RegionRollup } from '../../../../common/plan-api.ts';
import { ACCUMULATION_LABELS, DIRECTION_LABELS, directionLabel, REGION_ROLLUP_LABELS } from './status-labels.ts';
import {
  cellError,
  cellText,
  findSheet,
  headerError,
  isBlankRow,
  loadWorkbook,
  newWorkbook,
  normalizeHeader,
  parseNumberCell,
  styleHeaderRow,
  THIN_BORDER,
  workbookToBuffer,
} from './xlsx-common.ts';

export const INDICATORS_SHEET = '指标清单';

/** Column headers in workbook order; 自然极限 and 备注 are optional extras that keep the round trip lossless. */
export const INDICATOR_HEADERS = {
  code: '编码',
  seq: '序号',
  category: '类别',
  subCategory: '子类',
  name: '指标名称',
  unit: '单位',
  targetValue: '目标值',
  targetText: '目标说明',
  targetYear: '目标年',
  direction: '方向',
  accumulation: '累计方式',
  regionRollup: '区域汇总',
  baselineValue: '基期值',
  baselineSource: '基期来源',
  leadUnit: '牵头单位',
  valueMin: '下限',
  valueMax: '上限',
  yoyBand: '同比预警幅度',
  decimals: '小数位',
  limit: '自然极限',
  note: '备注',
} as const;

type IndicatorColumn = keyof typeof INDICATOR_HEADERS;
// Object.keys loses the key type; these are exactly the keys of the const object above.
const COLUMNS = Object.keys(INDICATOR_HEADERS) as IndicatorColumn[];

const REQUIRED_COLUMNS: readonly IndicatorColumn[] = ['code', 'seq', 'category', 'name', 'unit', 'targetYear', 'direction', 'accumulation', 'regionRollup'];
const REQUIRED_HEADERS = REQUIRED_COLUMNS.map((k) => INDICATOR_HEADERS[k]);

const TEXT_LIMITS: Partial<Record<IndicatorColumn, number>> = {
  category: 50,
  subCategory: 50,
  name: 200,
  unit: 20,
  targetText: 200,
  baselineSource: 500,
  leadUnit: 200,
  note: 1000,
};

/** Builds the indicator list workbook of a plan (the same columns the import reads). */
export async function buildIndicatorsWorkbook(planName: string, indicators: Indicator[]): Promise<Buffer> {
  const workbook = newWorkbook(`${planName} 指标清单`);
  const ws = workbook.addWorksheet(INDICATORS_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const widths: Partial<Record<IndicatorColumn, number>> = {
    name: 40,
    category: 12,
    subCategory: 12,
    targetText: 16,
    baselineSource: 24,
    leadUnit: 20,
    note: 30,
    yoyBand: 14,
  };
  ws.columns = COLUMNS.map((k) => ({ header: INDICATOR_HEADERS[k], key: k, width: widths[k] ?? 10 }));
  styleHeaderRow(ws.getRow(1));

  for (const ind of indicators) {
    const values: Record<IndicatorColumn, string | number | null> = {
      code: ind.code,
      seq: ind.seq,
      category: ind.category,
      subCategory: ind.subCategory,
      name: ind.name,
      unit: ind.unit,
      targetValue: 'value' in ind.target ? ind.target.value : null,
      targetText: 'text' in ind.target ? ind.target.text : null,
      targetYear: ind.targetYear,
      direction: directionLabel(ind.direction),
      accumulation: ACCUMULATION_LABELS[ind.accumulation],
      regionRollup: REGION_ROLLUP_LABELS[ind.regionRollup],
      baselineValue: ind.baseline.value,
      baselineSource: ind.baseline.source,
      leadUnit: ind.leadUnit,
      valueMin: ind.valueMin,
      valueMax: ind.valueMax,
      yoyBand: ind.yoyBand,
      decimals: ind.decimals,
      limit: ind.limit,
      note: ind.note,
    };
    const row = ws.addRow(values);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
    });
    row.getCell('name').alignment = { wrapText: true, vertical: 'middle' };
    row.getCell('yoyBand').numFmt = '0%';
  }

  const last = Math.max(2, indicators.length + 200);
  const list = (key: IndicatorColumn, options: string[]) => {
    const letter = ws.getColumn(key).letter;
    for (let r = 2; r <= last; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${options.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '取值无效',
        error: `请选择：${options.join('、')}`,
      };
    }
  };
  list('direction', Object.values(DIRECTION_LABELS));
  list('accumulation', Object.values(ACCUMULATION_LABELS));
  list('regionRollup', Object.values(REGION_ROLLUP_LABELS));

  addHelpSheet(workbook);
  return workbookToBuffer(workbook);
}

function addHelpSheet(workbook: ExcelJS.Workbook): void {
  const ws = workbook.addWorksheet('说明', { views: [{ showGridLines: false }] });
  ws.columns = [{ width: 16 }, { width: 100 }];
  const head = ws.addRow(['列', '填写要求']);
  styleHeaderRow(head);
  const help: [string, string][] = [
    ['编码', '必填。规划内唯一的指标编码，如 I01；导入时按编码新增或更新指标。'],
    ['序号', '必填。表内顺序，正整数。'],
    ['类别 / 子类', '类别必填（如 产品质量、综合指标）；子类可空（如 质量建设）。'],
    ['指标名称 / 单位', '必填。单位如 %、个、项、微克/立方米。'],
    ['目标值 / 目标说明', '二者填一项：数字目标填“目标值”；文字目标（如 达到省均、达到省指标）填“目标说明”。都不填表示无目标值。'],
    ['目标年', '必填。四位年份，如 2030。'],
    ['方向', '必填。正向（越大越好）或 逆向（越小越好，如 PM2.5 浓度）。'],
    ['累计方式', '必填。水平值（每年的水平或比率）、新增（每年新增量，目标为规划期合计）、累计（截至当年的累计总数）。'],
    ['区域汇总', '必填。求和（区县数值相加得全市数值）或 不汇总（比率类，全市数值单独填报）。'],
    ['基期值 / 基期来源', '可空。基期年的数值及其出处。'],
    ['下限 / 上限', '可空。数值合理范围，百分比类一般为 0 和 100；填报时超出范围视为错误。'],
    ['同比预警幅度', '可空，默认 50%。与上年相比变化超过该幅度时提示核实，可写 0.5 或 50%。'],
    ['小数位', '可空，0–6 的整数。'],
    ['自然极限', '可空。无目标值时用于测算的自然上限，百分比类一般为 100。'],
  ];
  for (const [k, v] of help) {
    const row = ws.addRow([k, v]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).font = { bold: true };
  }
}

// ---- parsing ----

export type ParsedIndicatorRow = IndicatorInput & { row: number };

export interface ParsedIndicators {
  rows: ParsedIndicatorRow[];
  errors: ImportCellError[];
  rowsRead: number;
}

const UP = 'higher_is_better';
const DOWN = 'lower_is_better';
const DIRECTION_WORDS: Record<string, IndicatorDirection> = {
  正向: UP,
  逆向: DOWN,
  '1': UP,
  '+1': UP,
  '-1': DOWN,
  正: UP,
  逆: DOWN,
  positive: UP,
  negative: DOWN,
  higher_is_better: UP,
  lower_is_better: DOWN,
};
const ACCUMULATION_WORDS: Record<string, Accumulation> = {
  水平值: 'level',
  水平: 'level',
  新增: 'increment',
  累计: 'cumulative',
  level: 'level',
  increment: 'increment',
  cumulative: 'cumulative',
};
const ROLLUP_WORDS: Record<string, RegionRollup> = { 求和: 'sum', 不汇总: 'none', sum: 'sum', none: 'none' };

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** Reads an indicator list workbook: one IndicatorInput per non-blank row, or per-cell errors. */
export async function parseIndicatorsWorkbook(buffer: Uint8Array): Promise<ParsedIndicators> {
  const workbook = await loadWorkbook(buffer);
  const { sheet, header } = findSheet(workbook, INDICATORS_SHEET, REQUIRED_HEADERS);
  if (!header) return { rows: [], errors: [headerError(sheet, REQUIRED_HEADERS)], rowsRead: 0 };
  const colOf = (k: IndicatorColumn): number | null => header.columns.get(normalizeHeader(INDICATOR_HEADERS[k])) ?? null;

  const rows: ParsedIndicatorRow[] = [];
  const errors: ImportCellError[] = [];
  const firstRowOfCode = new Map<string, number>();
  let rowsRead = 0;

  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (isBlankRow(row)) continue;
    rowsRead += 1;
    const rowErrors: ImportCellError[] = [];
    const fail = (k: IndicatorColumn, rule: string, message: string) => {
      rowErrors.push(cellError(r, colOf(k) ?? 1, k, rule, message));
    };
    const label = (k: IndicatorColumn) => INDICATOR_HEADERS[k];

    /** undefined: the column is absent (leave the field alone); null: the cell is blank. */
    const text = (k: IndicatorColumn, required = false): string | null | undefined => {
      const c = colOf(k);
      if (c === null) return undefined;
      const t = cellText(row.getCell(c).value);
      if (t === null) {
        if (required) fail(k, 'required', `${label(k)}不能为空 / ${k} is required`);
        return null;
      }
      const max = TEXT_LIMITS[k];
      if (max !== undefined && t.length > max) fail(k, 'length', `${label(k)}超过 ${max} 字 / ${k} is longer than ${max} characters`);
      return t;
    };
    const number = (k: IndicatorColumn, options: { required?: boolean; percentAsFraction?: boolean; unit?: string | null } = {}): number | null | undefined => {
      const c = colOf(k);
      if (c === null) return undefined;
      const p = parseNumberCell(row.getCell(c));
      if (p.kind === 'empty') {
        if (options.required) fail(k, 'required', `${label(k)}不能为空 / ${k} is required`);
        return null;
      }
      if (p.kind === 'invalid') {
        const hint = k === 'targetValue' ? '；文字目标请填在“目标说明”列 / put a text target under 目标说明' : '';
        fail(k, 'number', `${label(k)}必须是数字${hint} / ${k} must be a number`);
        return null;
      }
      if (p.percent === null) return p.value;
      if (options.percentAsFraction) return p.percent === 'format' ? p.value : p.value / 100;
      if (options.unit !== undefined && options.unit !== null && options.unit.trim() === '%') {
        return p.percent === 'format' ? Number((p.value * 100).toPrecision(12)) : p.value;
      }
      fail(k, 'number', `${label(k)}不能带百分号 / ${k} must not be a percentage`);
      return null;
    };
    const integer = (k: IndicatorColumn, min: number, max: number, required = false): number | null | undefined => {
      const n = number(k, { required });
      if (n === null || n === undefined) return n;
      if (!Number.isInteger(n) || n < min || n > max) {
        fail(k, 'range', `${label(k)}应为 ${min}–${max} 的整数 / ${k} must be an integer from ${min} to ${max}`);
        return null;
      }
      return n;
    };
    const choice = <T>(k: IndicatorColumn, words: Record<string, T>, allowed: string[]): T | null => {
      const t = text(k, true);
      if (t === null || t === undefined) return null;
      const v = words[t.normalize('NFKC').replace(/\s+/g, '').toLowerCase()] ?? words[t.trim()];
      if (v === undefined) fail(k, 'enum', `${label(k)}应为 ${allowed.join('、')} 之一 / ${k} must be one of ${allowed.join(', ')}`);
      return v ?? null;
    };

    const code = text('code', true)?.normalize('NFKC') ?? null;
    if (code !== null) {
      if (!CODE_PATTERN.test(code)) fail('code', 'pattern', '编码只能包含字母、数字、_ . -，不超过 32 位 / code may hold letters, digits, _ . - (max 32)');
      const first = firstRowOfCode.get(code.toUpperCase());
      if (first !== undefined) fail('code', 'duplicate', `编码 ${code} 重复（与第 ${first} 行重复）/ code ${code} repeats row ${first}`);
      else firstRowOfCode.set(code.toUpperCase(), r);
    }
    const seq = integer('seq', 1, 9999, true);
    const category = text('category', true);
    const subCategory = text('subCategory');
    const name = text('name', true);
    const unit = text('unit', true);
    const targetValue = number('targetValue', { unit: unit ?? null });
    const targetText = text('targetText');
    if (targetValue !== null && targetValue !== undefined && targetText !== null && targetText !== undefined) {
      fail('targetText', 'conflict', '目标值与目标说明只能填一项 / give either a numeric target or a text target, not both');
    }
    const targetYear = integer('targetYear', 2000, 2100, true);
    const direction = choice('direction', DIRECTION_WORDS, Object.values(DIRECTION_LABELS));
    const accumulation = choice('accumulation', ACCUMULATION_WORDS, Object.values(ACCUMULATION_LABELS));
    const regionRollup = choice('regionRollup', ROLLUP_WORDS, Object.values(REGION_ROLLUP_LABELS));
    const baselineValue = number('baselineValue', { unit: unit ?? null });
    const baselineSource = text('baselineSource');
    const leadUnit = text('leadUnit');
    const valueMin = number('valueMin', { unit: unit ?? null });
    const valueMax = number('valueMax', { unit: unit ?? null });
    if (typeof valueMin === 'number' && typeof valueMax === 'number' && valueMin > valueMax) {
      fail('valueMax', 'range', `上限 ${valueMax} 小于下限 ${valueMin} / valueMax is below valueMin`);
    }
    const yoyBand = number('yoyBand', { percentAsFraction: true });
    if (typeof yoyBand === 'number' && !(yoyBand > 0 && yoyBand <= 10)) {
      fail('yoyBand', 'range', '同比预警幅度应大于 0 且不超过 1000% / yoyBand must be above 0 and at most 10 (1000 %)');
    }
    const decimals = integer('decimals', 0, 6);
    const limit = number('limit', { unit: unit ?? null });
    const note = text('note');

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    if (
      code === null ||
      typeof seq !== 'number' ||
      !category ||
      !name ||
      !unit ||
      typeof targetYear !== 'number' ||
      direction === null ||
      accumulation === null ||
      regionRollup === null
    ) {
      // Every required field failed above with its own error; this only narrows the types.
      continue;
    }
    const input: ParsedIndicatorRow = { row: r, code, seq, category, name, unit, targetYear, direction, accumulation, regionRollup };
    if (subCategory !== undefined) input.subCategory = subCategory;
    if (targetValue !== undefined) input.targetValue = targetValue;
    if (targetText !== undefined) input.targetText = targetText;
    if (baselineValue !== undefined) input.baselineValue = baselineValue;
    if (baselineSource !== undefined) input.baselineSource = baselineSource;
    if (leadUnit !== undefined) input.leadUnit = leadUnit;
    if (valueMin !== undefined) input.valueMin = valueMin;
    if (valueMax !== undefined) input.valueMax = valueMax;
    if (typeof yoyBand === 'number') input.yoyBand = yoyBand;
    if (typeof decimals === 'number') input.decimals = decimals;
    if (limit !== undefined) input.limit = limit;
    if (note !== undefined) input.note = note;
    rows.push(input);
  }
  return { rows, errors, rowsRead };
}
