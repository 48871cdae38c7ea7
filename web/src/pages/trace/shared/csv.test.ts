import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, EVENT_CSV_HEADER, eventCsvRows, toCsv, unitText } from './csv';
import { toEventRows } from './events';
import { CHAIN, DRINK, PALLET, TEA_A } from './test-chain';

describe('csvCell and toCsv', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(2000)).toBe('2000');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-LOT')).toBe("'-LOT");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
  });

  it('starts with a UTF-8 byte-order mark and ends lines with CRLF, so Excel reads the Chinese', () => {
    expect(
      toCsv([
        ['事件时间', '数量'],
        ['2026-11-05', 1],
      ]),
    ).toBe('\uFEFF事件时间,数量\r\n2026-11-05,1\r\n');
  });
});

describe('eventCsvRows', () => {
  const rows = eventCsvRows(toEventRows(CHAIN));

  it('has the FSMA 204-style columns first', () => {
    expect(rows[0]).toEqual([...EVENT_CSV_HEADER]);
    expect(EVENT_CSV_HEADER.slice(0, 11)).toEqual([
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
    ]);
  });

  it('writes one row per event and object, with lot, quantity and unit', () => {
    // 6 events: the transformation names three lots, the packing the pallet and the lot, the others one each.
    expect(rows).toHaveLength(1 + 9);
    expect(rows[1]).toEqual([
      '2026-11-01 08:00:00',
      '对象事件（新增）',
      '赋码生产',
      TEA_A,
      'LEAF-A',
      100,
      '千克（KGM）',
      '',
      '',
      'GLN 6970000001014',
      '',
      '对象',
      CHAIN[0]?.eventID,
    ]);
    const outputs = rows.filter((row) => row[11] === '产出');
    expect(outputs.map((row) => [row[1], row[3], row[5], row[6]])).toEqual([['转化事件', DRINK, 2000, '升（LTR）']]);
  });

  it('counts a pallet as one, and names destinations and documents', () => {
    const shipping = rows.find((row) => row[2] === '发货');
    expect(shipping).toEqual([
      '2026-11-06 09:00:00',
      '对象事件（观察）',
      '发货',
      PALLET,
      '006970000000000019',
      1,
      '托盘',
      '',
      'GLN 6970000001021',
      'GLN 6970000000017',
      '发货通知 DN-001（GLN 6970000000017）',
      '对象',
      CHAIN[4]?.eventID,
    ]);
  });

  it('keeps an event that names nothing as one row, and marks declared errors', () => {
    const [row] = toEventRows([{ type: 'ObjectEvent', eventID: 'e1', eventTime: '2026-01-01T00:00:00Z', action: 'OBSERVE' }]);
    if (!row) throw new Error('no row');
    const out = eventCsvRows([{ ...row, declaredError: { time: 't', reason: null } }]);
    expect(out).toHaveLength(2);
    expect(out[1]?.[1]).toBe('对象事件（观察）（已声明有误）');
    expect(out[1]?.[3]).toBe('');
  });

  it('names registered places', () => {
    const named = eventCsvRows(toEventRows(CHAIN), new Map([['https://id.gs1.org/414/6970000001021', '德清示范超市 门店']]));
    const shipping = named.find((row) => row[2] === '发货');
    expect(shipping?.[8]).toBe('德清示范超市 门店（GLN 6970000001021）');
    expect(shipping?.[9]).toBe('GLN 6970000000017');
  });

  it('names units it knows and keeps the code of others', () => {
    expect(unitText('KGM')).toBe('千克（KGM）');
    expect(unitText('ZZZ')).toBe('ZZZ');
    expect(unitText(null)).toBe('');
  });
});

describe('csvFileName', () => {
  it('makes a name safe on every system', () => {
    expect(csvFileName('DRINK-1（6970000000116）', new Date(2026, 10, 20))).toBe('关键追溯事件_DRINK-1（6970000000116）_20261120.csv');
    expect(csvFileName('a/b:c*?"<>| d', new Date(2026, 0, 2))).toBe('关键追溯事件_a_b_c_d_20260102.csv');
  });
});
