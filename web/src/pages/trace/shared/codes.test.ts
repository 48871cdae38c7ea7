import { describe, expect, it } from 'vitest';
import { composeBatchCode, describeCode, displayGtin, gtinProblemText, locationText, parseCodeInput } from './codes';

const DL = 'https://id.gs1.org';

describe('describeCode', () => {
  it('names a lot by its lot number and the 商品条码 printed on the pack', () => {
    const info = describeCode(`${DL}/01/06970000000116/10/DRINK-1`);
    expect(info).toMatchObject({ kind: 'batch', kindLabel: '批次', gtin: '6970000000116', lot: 'DRINK-1', title: '批次 DRINK-1', subtitle: '6970000000116' });
    expect(info.text).toBe('商品条码 6970000000116 批次 DRINK-1');
    expect(info.compact).toBe('DRINK-1（6970000000116）');
  });

  it('names items, product classes, pallets and locations', () => {
    expect(describeCode(`${DL}/01/06970000000116/21/SN-9`)).toMatchObject({ kind: 'item', serial: 'SN-9', title: '单品 SN-9' });
    expect(describeCode(`${DL}/01/06970000000116`)).toMatchObject({ kind: 'class', title: '产品', subtitle: '6970000000116' });
    expect(describeCode(`${DL}/00/006970000000000019`)).toMatchObject({ kind: 'sscc', kindLabel: '托盘', sscc: '006970000000000019' });
    expect(describeCode(`${DL}/414/6970000001014`)).toMatchObject({ kind: 'location', gln: '6970000001014', text: '地点 GLN 6970000001014' });
    expect(describeCode(`${DL}/414/6970000001014/254/A-01`)).toMatchObject({ glnExtension: 'A-01', text: '地点 GLN 6970000001014 分区 A-01' });
  });

  it('reads EPC URNs into the canonical Digital Link the trace API uses', () => {
    const info = describeCode('urn:epc:id:sscc:0697000.0000000001');
    expect(info.kind).toBe('sscc');
    expect(info.code).toBe(`${DL}/00/006970000000000019`);
  });

  it('keeps codes that are not GS1 as they are, shortened for a graph', () => {
    const other = describeCode('urn:example:batch:0000000000000000000000000001');
    expect(other.kind).toBe('other');
    expect(other.code).toBe('urn:example:batch:0000000000000000000000000001');
    expect(other.title.startsWith('…')).toBe(true);
    expect(other.title.length).toBe(24);
  });

  it('shows the GTIN as printed: GTIN-13 or GTIN-8, a real GTIN-14 unchanged', () => {
    expect(displayGtin('06970000000116')).toBe('6970000000116');
    expect(displayGtin('00000096385074')).toBe('96385074');
    expect(displayGtin('16970000000113')).toBe('16970000000113');
  });

  it('writes locations as GLNs', () => {
    expect(locationText(`${DL}/414/6970000001021`)).toBe('GLN 6970000001021');
    expect(locationText('urn:epc:id:sgln:6970000.00102.0')).toBe('GLN 6970000001021');
    expect(locationText(null)).toBe('—');
    const names = new Map([[`${DL}/414/6970000001021`, '德清示范超市 门店']]);
    expect(locationText('urn:epc:id:sgln:6970000.00102.0', names)).toBe('德清示范超市 门店（GLN 6970000001021）');
    expect(locationText(`${DL}/414/6970000001014`, names)).toBe('GLN 6970000001014');
  });
});

describe('composeBatchCode', () => {
  it('composes 商品条码 + 批次号 into a batch Digital Link, padding the GTIN to 14 digits', () => {
    expect(composeBatchCode(' 6970000000116 ', 'DRINK-1')).toEqual({ ok: true, code: `${DL}/01/06970000000116/10/DRINK-1` });
    expect(composeBatchCode('06970000000116', 'A/B')).toEqual({ ok: true, code: `${DL}/01/06970000000116/10/A%2FB` });
  });

  it('checks the GTIN check digit and length before anything is sent', () => {
    expect(composeBatchCode('6970000000117', 'X')).toEqual({
      ok: false,
      field: 'gtin',
      message: '商品条码校验位错误：最后一位应为 6，实际为 7，请核对条码',
    });
    expect(composeBatchCode('69700000001', 'X')).toMatchObject({ ok: false, field: 'gtin', message: '商品条码应为 8、12、13 或 14 位数字，当前为 11 位' });
    expect(composeBatchCode('69700000001x6', 'X')).toMatchObject({ ok: false, field: 'gtin', message: expect.stringContaining('第 12 位是“x”') });
    expect(composeBatchCode('', 'X')).toMatchObject({ ok: false, field: 'gtin', message: '请输入商品条码' });
  });

  it('checks the lot: present, at most 20 characters of the GS1 set', () => {
    expect(composeBatchCode('6970000000116', '')).toMatchObject({ ok: false, field: 'lot', message: '请输入批次号' });
    expect(composeBatchCode('6970000000116', '批次一')).toMatchObject({ ok: false, field: 'lot' });
    expect(composeBatchCode('6970000000116', 'A'.repeat(21))).toMatchObject({ ok: false, field: 'lot' });
  });

  it('words each check-digit problem in Chinese', () => {
    expect(gtinProblemText({ rule: 'check', position: 13, expected: '6', actual: '7' })).toContain('应为 6');
  });
});

describe('parseCodeInput', () => {
  it('takes Digital Links (any domain) and EPC URNs, canonical', () => {
    expect(parseCodeInput(`  ${DL}/01/06970000000116/10/DRINK-1 `)).toEqual({ ok: true, code: `${DL}/01/06970000000116/10/DRINK-1` });
    expect(parseCodeInput('https://example.com/01/06970000000116/10/DRINK-1')).toEqual({ ok: true, code: `${DL}/01/06970000000116/10/DRINK-1` });
    expect(parseCodeInput('urn:epc:class:lgtin:6970000.000011.DRINK-1')).toEqual({ ok: true, code: `${DL}/01/06970000000116/10/DRINK-1` });
  });

  it('takes bracketed AI data, a bare 商品条码 and a bare SSCC', () => {
    expect(parseCodeInput('(01)06970000000116(10)DRINK-1')).toEqual({ ok: true, code: `${DL}/01/06970000000116/10/DRINK-1` });
    expect(parseCodeInput('6970000000116')).toEqual({ ok: true, code: `${DL}/01/06970000000116` });
    expect(parseCodeInput('006970000000000019')).toEqual({ ok: true, code: `${DL}/00/006970000000000019` });
  });

  it('names a wrong GTIN check digit in Chinese, wherever the GTIN was typed', () => {
    const wrong = '商品条码校验位错误：最后一位应为 6，实际为 0，请核对条码';
    expect(parseCodeInput(`${DL}/01/06970000000110/10/X`)).toEqual({ ok: false, field: 'code', message: wrong });
    expect(parseCodeInput('(01)06970000000110(10)X')).toEqual({ ok: false, field: 'code', message: wrong });
    expect(parseCodeInput('6970000000110')).toEqual({ ok: false, field: 'code', message: wrong });
    expect(parseCodeInput('006970000000000010')).toMatchObject({ ok: false, message: expect.stringContaining('SSCC 校验位错误') });
  });

  it('refuses empty and unrecognisable input, and keeps other web addresses as written', () => {
    expect(parseCodeInput('  ')).toMatchObject({ ok: false, message: '请输入追溯码' });
    expect(parseCodeInput('DRINK-1')).toMatchObject({ ok: false, message: expect.stringContaining('无法识别的追溯码') });
    expect(parseCodeInput('12345')).toMatchObject({ ok: false, message: expect.stringContaining('纯数字') });
    expect(parseCodeInput('urn:epc:id:sgtin:bad')).toMatchObject({ ok: false, message: expect.stringContaining('追溯码无效') });
    expect(parseCodeInput('https://trace.example.cn/about/123')).toEqual({ ok: true, code: 'https://trace.example.cn/about/123' });
    expect(parseCodeInput('urn:example:lot:42')).toEqual({ ok: true, code: 'urn:example:lot:42' });
    expect(parseCodeInput('lot 42: bad')).toMatchObject({ ok: false });
  });
});
