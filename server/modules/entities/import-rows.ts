/**
 * From a grid of cells to checked entity rows: find the header row (Chinese titles, common aliases
 * accepted), read each field of each row, and report every problem on its cell (row, column, rule,
 * "中文 / English" message). Rows with the same credit code are merged into one (later cells win) with a
 * warning. Pure: which entities exist, and who may touch them, is the import service's business.
 */
import { explainCreditCode, normaliseCreditCode } from '../../../common/credit-code.ts';
import { ENTITY_STATUSES, ENTITY_TYPES, type EntityImportError, type EntityStatus, type EntityType, type SpecialList } from '../../../common/entity-api.ts';
import { ENTITY_FIELD_LABELS, ENTITY_STATUS_LABELS, ENTITY_TYPE_LABELS, SPECIAL_LIST_LABELS } from '../../../common/entity-labels.ts';
import { industryOf } from '../../../common/industry.ts';
import type { FieldIssue } from '../../platform/errors.ts';
import type { Region } from '../../platform/regions.ts';
import type { EntityField, EntityFields } from './changes.ts';
import { columnLetter, type GridCell, type GridRow } from './import-file.ts';
import { industryMessage } from './service.ts';

export const IMPORT_SHEET = '市场主体';
export const MAX_IMPORT_ROWS = 20_000;

/** Column titles in template order; the first title is what the template writes, the rest are accepted aliases. */
export const IMPORT_COLUMNS: { field: EntityField; titles: string[]; width: number }[] = [
  { field: 'creditCode', titles: ['统一社会信用代码', '社会信用代码', '信用代码'], width: 24 },
  { field: 'name', titles: ['名称', '主体名称', '企业名称', '单位名称'], width: 34 },
  { field: 'type', titles: ['主体类型', '市场主体类型', '类型'], width: 14 },
  { field: 'industryCode', titles: ['行业代码', '国民经济行业代码', '行业分类代码', '所属行业'], width: 12 },
  { field: 'regionCode', titles: ['所属区划', '所属区划代码', '区划代码', '所属乡镇(街道)', '所属乡镇'], width: 16 },
  { field: 'address', titles: ['住所', '住所(经营场所)', '经营场所', '地址'], width: 36 },
  { field: 'legalRepresentative', titles: ['法定代表人', '法定代表人(负责人)', '负责人', '经营者'], width: 14 },
  { field: 'establishedOn', titles: ['成立日期', '注册日期', '登记日期'], width: 14 },
  { field: 'status', titles: ['登记状态', '经营状态', '状态'], width: 12 },
  { field: 'specialLists', titles: ['特殊名录', '列入名录'], width: 26 },
];
const REQUIRED_FIELDS: EntityField[] = ['creditCode', 'name'];

/** Header text compared in NFKC, without blanks, required marks or a (必填)/(选填) note. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/\((必填|选填|可选)\)/g, '');
}

export interface HeaderMap {
  row: number;
  /** field → 0-based index in the row's cells */
  columns: Map<EntityField, number>;
}

/** The first of the top rows that names every required column; null when none does. */
export function findHeader(rows: GridRow[], scan = 10): HeaderMap | null {
  for (const gridRow of rows.slice(0, scan)) {
    const columns = new Map<EntityField, number>();
    gridRow.cells.forEach((cell, index) => {
      if (!cell.text) return;
      const title = normaliseHeader(cell.text);
      const column = IMPORT_COLUMNS.find((c) => c.titles.some((t) => normaliseHeader(t) === title));
      if (column && !columns.has(column.field)) columns.set(column.field, index);
    });
    if (REQUIRED_FIELDS.every((f) => columns.has(f))) return { row: gridRow.row, columns };
  }
  return null;
}

export function headerError(): EntityImportError {
  const titles = REQUIRED_FIELDS.map((f) => ENTITY_FIELD_LABELS[f]).join('、');
  return {
    row: 1,
    column: 'A',
    header: '',
    field: 'header',
    rule: 'header',
    message: `前 10 行中找不到表头（至少须有：${titles}），请使用下载的模板 / no header row with ${titles} in the first 10 rows; use the downloaded template`,
  };
}

/** A row's values: only the fields it fills in (a blank cell leaves an existing entity's value alone). */
export interface ParsedRow {
  row: number;
  creditCode: string;
  values: Partial<EntityFields>;
}

export interface ParsedRows {
  /** One per credit code, in file order, after merging rows that repeat a code. */
  rows: (ParsedRow & { sourceRows: number[] })[];
  errors: EntityImportError[];
  warnings: { row: number; message: string }[];
  rowsRead: number;
  /** File rows with at least one error. */
  badRows: Set<number>;
}

export interface ParseContext {
  /** Township lookup by code, by name, by "区县+乡镇"; and whether the caller may place entities there. */
  regions: Region[];
  regionIssue: (field: string, code: string) => FieldIssue | null;
  today: string;
}

const TYPE_WORDS: Record<string, EntityType> = {
  ...Object.fromEntries(ENTITY_TYPES.map((t) => [t, t])),
  ...Object.fromEntries(Object.entries(ENTITY_TYPE_LABELS).map(([k, v]) => [v, k as EntityType])),
  公司: 'enterprise',
  个体: 'individual_business',
  个体户: 'individual_business',
  合作社: 'farmer_cooperative',
  农民合作社: 'farmer_cooperative',
  其他: 'other',
};

const STATUS_WORDS: Record<string, EntityStatus> = {
  ...Object.fromEntries(ENTITY_STATUSES.map((s) => [s, s])),
  ...Object.fromEntries(Object.entries(ENTITY_STATUS_LABELS).map(([k, v]) => [v, k as EntityStatus])),
  // 国家企业信用信息公示系统 wording: 存续（在营、开业、在册）, 吊销，未注销 …
  在营: 'subsisting',
  开业: 'subsisting',
  在册: 'subsisting',
  吊销未注销: 'revoked',
  已吊销: 'revoked',
  已注销: 'cancelled',
  已迁出: 'moved_out',
};

const LIST_WORDS: Record<string, SpecialList> = {
  ...Object.fromEntries(Object.entries(SPECIAL_LIST_LABELS).map(([k, v]) => [v, k as SpecialList])),
  abnormal_operation: 'abnormal_operation',
  serious_violation: 'serious_violation',
  经营异常: 'abnormal_operation',
  异常名录: 'abnormal_operation',
  严重违法失信: 'serious_violation',
  严重违法失信企业名单: 'serious_violation',
  失信名单: 'serious_violation',
};
const NO_LIST = new Set(['无', '否', '-', '—', 'none']);

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function word<T>(words: Record<string, T>, text: string): T | undefined {
  const t = squash(text);
  const direct = words[t] ?? Object.entries(words).find(([k]) => squash(k) === t)?.[1];
  if (direct !== undefined) return direct;
  // "存续（在营、开业、在册）" / "吊销，未注销": the word before a bracket or comma decides.
  const head = t.split(/[(,，、;；]/)[0] ?? '';
  return head !== t ? word(words, head) : undefined;
}

/** YYYY-MM-DD from 2019-03-05, 2019/3/5, 2019.3.5, 2019年3月5日, 20190305, or an Excel day serial. */
export function parseDateText(cell: GridCell): string | null {
  if (cell.date) return cell.date;
  if (cell.number !== undefined && Number.isInteger(cell.number) && cell.number > 366 && cell.number < 80_000) {
    // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was: serial 25569 is 1970-01-01.
    return new Date((cell.number - 25_569) * 86_400_000).toISOString().slice(0, 10);
  }
  const text = (cell.text ?? '').normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The township a cell names: its 9-digit code, a 12-digit NBS code, or its name (optionally after its county's). */
export function matchTownship(text: string, regions: Region[]): { code: string } | { error: 'unknown' | 'ambiguous' } {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (/^\d{6}(\d{3})?$/.test(t)) return { code: t };
  if (/^\d{9}000$/.test(t)) return { code: t.slice(0, 9) };
  const townships = regions.filter((r) => r.level === 'township');
  const byName = regions.filter((r) => r.name === t);
  if (byName.length === 1 && byName[0]) return { code: byName[0].code };
  const counties = new Map(regions.filter((r) => r.level === 'county').map((r) => [r.code, r.name]));
  const candidates = townships.filter((r) => t.endsWith(r.name) && (t === r.name || t.includes(counties.get(r.parentCode ?? '') ?? '\u0000')));
  if (candidates.length === 1 && candidates[0]) return { code: candidates[0].code };
  return { error: byName.length > 1 || candidates.length > 1 ? 'ambiguous' : 'unknown' };
}

/** Reads and checks every data row below the header; merges rows that repeat a credit code. */
export function parseRows(rows: GridRow[], header: HeaderMap, ctx: ParseContext): ParsedRows {
  const errors: EntityImportError[] = [];
  const warnings: { row: number; message: string }[] = [];
  const badRows = new Set<number>();
  const byCode = new Map<string, ParsedRow & { sourceRows: number[] }>();
  let rowsRead = 0;

  for (const gridRow of rows) {
    if (gridRow.row <= header.row) continue;
    if (gridRow.cells.every((c) => c.text === null)) continue;
    rowsRead += 1;
    const r = gridRow.row;
    const rowErrors: EntityImportError[] = [];
    const fail = (field: EntityField, rule: string, message: string) => {
      const index = header.columns.get(field) ?? 0;
      rowErrors.push({ row: r, column: columnLetter(index + 1), header: ENTITY_FIELD_LABELS[field], field, rule, message });
    };
    const cell = (field: EntityField): GridCell | null => {
      const index = header.columns.get(field);
      if (index === undefined) return null;
      const c = gridRow.cells[index];
      return c && c.text !== null ? c : null;
    };
    const label = (f: EntityField) => ENTITY_FIELD_LABELS[f];
    const text = (field: EntityField, max: number): string | undefined => {
      const c = cell(field);
      if (!c?.text) return undefined;
      if (c.text.length > max) {
        fail(field, 'length', `${label(field)}超过 ${max} 字 / ${field} is longer than ${max} characters`);
        return undefined;
      }
      return c.text;
    };
    const values: Partial<EntityFields> = {};

    // 统一社会信用代码
    const codeCell = cell('creditCode');
    let creditCode: string | null = null;
    if (!codeCell?.text) fail('creditCode', 'required', `${label('creditCode')}不能为空 / creditCode is required`);
    else if (codeCell.number !== undefined) {
      fail(
        'creditCode',
        'number_cell',
        `${label('creditCode')}被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写 / the code was stored as a number and lost digits; format the column as text and re-enter it`,
      );
    } else {
      const code = normaliseCreditCode(codeCell.text);
      const verdict = explainCreditCode(code);
      if (!verdict.valid) fail('creditCode', 'gb32100', verdict.reason ?? 'invalid');
      else creditCode = code;
    }

    const name = text('name', 200);
    if (name !== undefined) values.name = name;

    const typeText = text('type', 20);
    if (typeText !== undefined) {
      const t = word(TYPE_WORDS, typeText);
      if (t === undefined)
        fail('type', 'enum', `${label('type')}应为 ${Object.values(ENTITY_TYPE_LABELS).join('、')} 之一 / type must be one of ${ENTITY_TYPES.join(', ')}`);
      else values.type = t;
    }

    const industryText = text('industryCode', 40);
    if (industryText !== undefined) {
      const m = /^([A-Ta-t])?\s*(\d{2,4})/.exec(industryText.normalize('NFKC').trim());
      const code = m?.[2];
      if (!code || !industryOf(code)) fail('industryCode', 'gb4754', industryMessage(industryText));
      else values.industryCode = code;
    }

    const regionText = text('regionCode', 40);
    if (regionText !== undefined) {
      const match = matchTownship(regionText, ctx.regions);
      if ('error' in match) {
        fail(
          'regionCode',
          match.error === 'ambiguous' ? 'ambiguous' : 'region',
          match.error === 'ambiguous'
            ? `区划“${regionText}”有重名，请填写 9 位乡镇（街道）代码 / "${regionText}" matches several townships; give the 9-digit code`
            : `找不到区划“${regionText}”，请填写 9 位乡镇（街道）代码或名称 / unknown region "${regionText}"; give a 9-digit township code or name`,
        );
      } else {
        const issue = ctx.regionIssue('regionCode', match.code);
        if (issue) fail('regionCode', issue.rule, issue.message);
        else values.regionCode = match.code;
      }
    }

    const address = text('address', 300);
    if (address !== undefined) values.address = address;
    const legal = text('legalRepresentative', 100);
    if (legal !== undefined) values.legalRepresentative = legal;

    const dateCell = cell('establishedOn');
    if (dateCell) {
      const date = parseDateText(dateCell);
      if (!date) fail('establishedOn', 'date', `${label('establishedOn')}“${dateCell.text}”不是有效日期，应为 YYYY-MM-DD / not a valid date (YYYY-MM-DD)`);
      else if (date > ctx.today) fail('establishedOn', 'not_future', `${label('establishedOn')}不能晚于今天 / establishedOn cannot be in the future`);
      else values.establishedOn = date;
    }

    const statusText = text('status', 40);
    if (statusText !== undefined) {
      const s = word(STATUS_WORDS, statusText);
      if (s === undefined)
        fail(
          'status',
          'enum',
          `${label('status')}应为 ${Object.values(ENTITY_STATUS_LABELS).join('、')} 之一 / status must be one of ${ENTITY_STATUSES.join(', ')}`,
        );
      else values.status = s;
    }

    const listText = text('specialLists', 200);
    if (listText !== undefined) {
      if (NO_LIST.has(squash(listText))) values.specialLists = [];
      else {
        const parts = listText
          .split(/[、,，;；/|]/)
          .map((p) => p.trim())
          .filter(Boolean);
        const lists = parts.map((p) => word(LIST_WORDS, p));
        if (lists.some((l) => l === undefined)) {
          fail(
            'specialLists',
            'enum',
            `${label('specialLists')}只能填 ${Object.values(SPECIAL_LIST_LABELS).join('、')}（多个用顿号分隔）或“无” / specialLists must name ${Object.keys(SPECIAL_LIST_LABELS).join(', ')} or 无`,
          );
        } else values.specialLists = [...new Set(lists as SpecialList[])].sort();
      }
    }

    if (rowErrors.length > 0 || creditCode === null) {
      errors.push(...rowErrors);
      badRows.add(r);
      continue;
    }
    const earlier = byCode.get(creditCode);
    if (earlier) {
      warnings.push({
        row: r,
        message: `与第 ${earlier.sourceRows.join('、')} 行统一社会信用代码相同，已合并为一个主体（后填的非空单元格为准） / same credit code as row ${earlier.sourceRows.join(', ')}: merged into one entity, later non-blank cells win`,
      });
      earlier.values = { ...earlier.values, ...values };
      earlier.sourceRows.push(r);
    } else byCode.set(creditCode, { row: r, creditCode, values, sourceRows: [r] });
  }
  return { rows: [...byCode.values()], errors, warnings, rowsRead, badRows };
}
