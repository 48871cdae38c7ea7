import { describe, expect, it } from 'vitest';
import type { Region } from '../../platform/regions.ts';
import { decodeText, type GridRow, parseCsv } from './import-file.ts';
import { findHeader, matchTownship, normaliseHeader, parseDateText, parseRows } from './import-rows.ts';

const REGIONS: Region[] = [
  { code: '330500', name: '湖州市', level: 'city', parentCode: null, path: '/330500/', sortOrder: 0 },
  { code: '330502', name: '吴兴区', level: 'county', parentCode: '330500', path: '/330500/330502/', sortOrder: 1 },
  { code: '330502100', name: '织里镇', level: 'township', parentCode: '330502', path: '/330500/330502/330502100/', sortOrder: 1 },
  { code: '330503', name: '南浔区', level: 'county', parentCode: '330500', path: '/330500/330503/', sortOrder: 2 },
  { code: '330503100', name: '南浔镇', level: 'township', parentCode: '330503', path: '/330500/330503/330503100/', sortOrder: 1 },
  { code: '330521', name: '德清县', level: 'county', parentCode: '330500', path: '/330500/330521/', sortOrder: 3 },
  // Two townships of the same name, to test the ambiguity rule.
  { code: '330521901', name: '同名镇', level: 'township', parentCode: '330521', path: '/330500/330521/330521901/', sortOrder: 1 },
  { code: '330503901', name: '同名镇', level: 'township', parentCode: '330503', path: '/330500/330503/330503901/', sortOrder: 2 },
];

describe('CSV reading', () => {
  it('parses RFC 4180 quoting, CRLF and embedded separators and newlines', () => {
    const rows = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n,,\r\n');
    expect(rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      [null, null, null],
    ]);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('sniffs a semicolon or tab separator from the header line', () => {
    expect(parseCsv('名称;住所\n甲;乙')[1]?.cells.map((c) => c.text)).toEqual(['甲', '乙']);
    expect(parseCsv('名称\t住所\n甲\t乙')[1]?.cells.map((c) => c.text)).toEqual(['甲', '乙']);
  });

  it('decodes UTF-8 with and without BOM, UTF-16LE with BOM, and falls back to GB18030', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('名称')]))).toBe('名称');
    expect(decodeText(Buffer.from('名称'))).toBe('名称');
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...Buffer.from('名称', 'utf16le')]))).toBe('名称');
    // 名称 in GBK
    expect(decodeText(new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6]))).toBe('名称');
  });
});

describe('import rows', () => {
  it('normalises header titles: full-width brackets, blanks, required marks', () => {
    expect(normaliseHeader(' 住所（经营场所）* ')).toBe('住所(经营场所)');
    expect(normaliseHeader('名称（必填）')).toBe('名称');
  });

  it('reads dates in the common Chinese spellings and Excel serials, and refuses impossible ones', () => {
    for (const text of ['2019-03-05', '2019/3/5', '2019.3.5', '2019年3月5日', '20190305']) expect(parseDateText({ text })).toBe('2019-03-05');
    expect(parseDateText({ text: '43529', number: 43529 })).toBe('2019-03-05');
    expect(parseDateText({ text: '2019-02-30' })).toBeNull();
    expect(parseDateText({ text: '去年' })).toBeNull();
  });

  it('finds a township by code, NBS 12-digit code, name, or county + name; says when a name is ambiguous', () => {
    expect(matchTownship('330502100', REGIONS)).toEqual({ code: '330502100' });
    expect(matchTownship('330502100000', REGIONS)).toEqual({ code: '330502100' });
    expect(matchTownship('织里镇', REGIONS)).toEqual({ code: '330502100' });
    expect(matchTownship('湖州市吴兴区织里镇', REGIONS)).toEqual({ code: '330502100' });
    expect(matchTownship('同名镇', REGIONS)).toEqual({ error: 'ambiguous' });
    expect(matchTownship('德清县同名镇', REGIONS)).toEqual({ code: '330521901' });
    expect(matchTownship('火星镇', REGIONS)).toEqual({ error: 'unknown' });
  });

  it('accepts header aliases in any order and merges rows that repeat a code', () => {
    const grid: GridRow[] = parseCsv(
      '说明：第一行是标题\n企业名称,社会信用代码,经营状态,所属乡镇\n甲公司,91330502MA2B3C4D58,存续（在营、开业、在册）,织里镇\n,91330502ma2b3c4d58,吊销，未注销,\n',
    );
    const header = findHeader(grid);
    expect(header?.row).toBe(2);
    if (!header) return;
    const parsed = parseRows(grid, header, { regions: REGIONS, regionIssue: () => null, today: '2026-01-01' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { row: 3, creditCode: '91330502MA2B3C4D58', values: { name: '甲公司', status: 'revoked', regionCode: '330502100' }, sourceRows: [3, 4] },
    ]);
    expect(parsed.warnings[0]?.row).toBe(4);
  });
});
