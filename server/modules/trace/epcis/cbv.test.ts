import { describe, expect, it } from 'vitest';
import { normaliseCbvWord } from './cbv.ts';

describe('normaliseCbvWord', () => {
  it('gives the bare word for the three spellings', () => {
    for (const spelling of [
      'shipping',
      'urn:epcglobal:cbv:bizstep:shipping',
      'https://ref.gs1.org/cbv/BizStep-shipping',
      'http://ns.gs1.org/cbv/BizStep-shipping',
    ]) {
      expect(normaliseCbvWord(spelling, 'bizStep')).toBe('shipping');
    }
    expect(normaliseCbvWord('URN:EPCGLOBAL:CBV:BIZSTEP:shipping', 'bizStep')).toBe('shipping');
  });

  it('knows each vocabulary by its URN and Web URI prefix', () => {
    expect(normaliseCbvWord('urn:epcglobal:cbv:disp:in_transit', 'disposition')).toBe('in_transit');
    expect(normaliseCbvWord('https://ref.gs1.org/cbv/Disp-recalled', 'disposition')).toBe('recalled');
    expect(normaliseCbvWord('urn:epcglobal:cbv:btt:desadv', 'bizTransactionType')).toBe('desadv');
    expect(normaliseCbvWord('https://ref.gs1.org/cbv/BTT-po', 'bizTransactionType')).toBe('po');
    expect(normaliseCbvWord('urn:epcglobal:cbv:sdt:owning_party', 'sourceDestType')).toBe('owning_party');
    expect(normaliseCbvWord('https://ref.gs1.org/cbv/SDT-location', 'sourceDestType')).toBe('location');
    expect(normaliseCbvWord('urn:epcglobal:cbv:er:did_not_occur', 'errorReason')).toBe('did_not_occur');
    expect(normaliseCbvWord('https://ref.gs1.org/cbv/ER-incorrect_data', 'errorReason')).toBe('incorrect_data');
  });

  it('leaves another vocabulary’s value alone when one is named, and takes any without', () => {
    expect(normaliseCbvWord('urn:epcglobal:cbv:disp:in_transit', 'bizStep')).toBe('urn:epcglobal:cbv:disp:in_transit');
    expect(normaliseCbvWord('https://ref.gs1.org/cbv/Disp-in_transit', 'bizStep')).toBe('https://ref.gs1.org/cbv/Disp-in_transit');
    expect(normaliseCbvWord('urn:epcglobal:cbv:disp:in_transit')).toBe('in_transit');
    expect(normaliseCbvWord('https://ref.gs1.org/cbv/BTT-inv')).toBe('inv');
  });

  it('keeps non-CBV URIs and malformed CBV values as written', () => {
    expect(normaliseCbvWord('http://epcis.example.org/hc/bizstep/summarising_discharge', 'bizStep')).toBe(
      'http://epcis.example.org/hc/bizstep/summarising_discharge',
    );
    expect(normaliseCbvWord('urn:gs1:epcisapp:rail:btt:passage', 'bizTransactionType')).toBe('urn:gs1:epcisapp:rail:btt:passage');
    expect(normaliseCbvWord('urn:epcglobal:cbv:bizstep:', 'bizStep')).toBe('urn:epcglobal:cbv:bizstep:');
    expect(normaliseCbvWord('https://ref.gs1.org/cbv/BizStep-', 'bizStep')).toBe('https://ref.gs1.org/cbv/BizStep-');
  });
});
