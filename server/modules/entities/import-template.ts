import ExcelJS from 'exceljs';
import { ENTITY_STATUS_LABELS, ENTITY_TYPE_LABELS, SPECIAL_LIST_LABELS } from '../../../common/entity-labels.ts';
import { INDUSTRY_SECTIONS } from '../../../common/industry.ts';
import type { Region } from '../../platform/regions.ts';
import { csvLine } from './import-file.ts';
import { IMPORT_COLUMNS, IMPORT_SHEET } from './import-rows.ts';

/** The import template: xlsx with the entity sheet, instructions, and the caller's township codes; or a CSV header line. */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDEBD0' } };
const REQUIRED = new Set(['creditCode', 'name']);
const ROWS_WITH_LISTS = 2000;

function styleHeader(row: ExcelJS.Row, required: (col: number) => boolean): void {
  row.font = { bold: true };
  row.height = 24;
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  row.eachCell((cell, col) => {
    cell.fill = required(col) ? REQUIRED_FILL : HEADER_FILL;
  });
}

/** The xlsx template; `townships` are the ones the caller may register entities in. */
export async function buildTemplateXlsx(townships: { region: Region; county: string }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '湖州市市场监督管理局 质量数智平台';
  workbook.title = '市场主体导入模板';
  const ws = workbook.addWorksheet(IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.titles[0], key: c.field, width: c.width }));
  styleHeader(ws.getRow(1), (col) => REQUIRED.has(IMPORT_COLUMNS[col - 1]?.field ?? ''));
  // Text format: an 18-digit code typed into a General cell becomes a number and loses its last digits.
  ws.getColumn('creditCode').numFmt = '@';
  ws.getColumn('regionCode').numFmt = '@';
  ws.getColumn('industryCode').numFmt = '@';
  ws.getColumn('establishedOn').numFmt = 'yyyy-mm-dd';
  const list = (key: string, options: string[]) => {
    const letter = ws.getColumn(key).letter;
    for (let r = 2; r <= ROWS_WITH_LISTS; r++) {
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
  list('type', Object.values(ENTITY_TYPE_LABELS));
  list('status', Object.values(ENTITY_STATUS_LABELS));

  const help = workbook.addWorksheet('填写说明', { views: [{ showGridLines: false }] });
  help.columns = [{ width: 18 }, { width: 96 }];
  styleHeader(help.addRow(['列', '填写要求']), () => false);
  const lines: [string, string][] = [
    [
      '统一社会信用代码',
      '必填。18 位，GB 32100-2015；第 18 位为校验码，填错时导入报告会给出应填的校验码。已登记的代码按“合并”处理：更新非空单元格，不新增重复主体。',
    ],
    ['名称', '必填。'],
    ['主体类型', `${Object.values(ENTITY_TYPE_LABELS).join('、')}。可空：代码以 91/92/93 开头时自动识别为企业/个体工商户/农民专业合作社。`],
    ['行业代码', '国民经济行业分类 GB/T 4754-2017 的 2–4 位代码，如 13、1391（可带门类字母，如 C13）。见“行业代码”工作表。'],
    ['所属区划', '住所所在乡镇（街道）的 9 位代码或名称，如 330502100 或 吴兴区织里镇。见“区划代码”工作表。新登记主体必填。'],
    ['住所 / 法定代表人', '可空。'],
    ['成立日期', '如 2019-03-05，也可写 2019/3/5 或 2019年3月5日。'],
    ['登记状态', `${Object.values(ENTITY_STATUS_LABELS).join('、')}。新登记主体为空时按“存续”。`],
    ['特殊名录', `${Object.values(SPECIAL_LIST_LABELS).join('、')}，多个用顿号分隔；填“无”表示移出全部名录；空着表示不变。`],
    ['导入方式', '先“校验”（不写入），再确认导入。默认全部行通过才导入；也可选择“仅导入有效行”。空单元格不会清除已有信息。'],
    ['示例', '91330502MA2B3C4D58，湖州示范食品有限公司（演示），企业，1495，330502100，湖州市吴兴区织里镇示范路 1 号，张三，2016-05-18，存续'],
  ];
  for (const [k, v] of lines) {
    const row = help.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  const regionSheet = workbook.addWorksheet('区划代码');
  regionSheet.columns = [
    { header: '区县', width: 12 },
    { header: '乡镇（街道）', width: 18 },
    { header: '代码', width: 14 },
  ];
  styleHeader(regionSheet.getRow(1), () => false);
  for (const t of townships) regionSheet.addRow([t.county, t.region.name, t.region.code]);

  const industrySheet = workbook.addWorksheet('行业代码');
  industrySheet.columns = [
    { header: '门类', width: 8 },
    { header: '门类名称', width: 30 },
    { header: '大类代码', width: 10 },
    { header: '大类名称', width: 40 },
  ];
  styleHeader(industrySheet.getRow(1), () => false);
  for (const section of INDUSTRY_SECTIONS) {
    for (const division of section.divisions) industrySheet.addRow([section.code, section.name, division.code, division.name]);
  }
  // exceljs declares its result as an ArrayBuffer-like; at run time it is a Node Buffer.
  return Buffer.from((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

/** The CSV template: a UTF-8 BOM (so Excel opens it as UTF-8) and the header line. */
export function buildTemplateCsv(): string {
  return `\ufeff${csvLine(IMPORT_COLUMNS.map((c) => c.titles[0]))}\r\n`;
}
