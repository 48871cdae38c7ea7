import { describe, expect, it } from 'vitest';
import { bizStepLabel, bizTransactionLabel, cbvWord, dispositionLabel, documentText, eventTypeLabel, formatEventTime, uomLabel } from './cbv';

describe('CBV words and labels', () => {
  it('reads a CBV value in any spelling', () => {
    expect(cbvWord('shipping')).toBe('shipping');
    expect(cbvWord('urn:epcglobal:cbv:bizstep:shipping')).toBe('shipping');
    expect(cbvWord('https://ref.gs1.org/cbv/BizStep-shipping')).toBe('shipping');
    expect(cbvWord('https://ref.gs1.org/cbv/Disp-in_transit')).toBe('in_transit');
    expect(cbvWord('https://example.com/steps/blending')).toBe('https://example.com/steps/blending');
  });

  it('names steps, dispositions, documents, event types and units in Chinese, and shows unknown ones as written', () => {
    expect(bizStepLabel('urn:epcglobal:cbv:bizstep:commissioning')).toBe('赋码生产');
    expect(bizStepLabel('receiving')).toBe('收货');
    expect(bizStepLabel('blending')).toBe('blending');
    expect(bizStepLabel(undefined)).toBe('—');
    expect(dispositionLabel('in_transit')).toBe('在途');
    expect(bizTransactionLabel('https://ref.gs1.org/cbv/BTT-po')).toBe('采购订单');
    expect(eventTypeLabel('TransformationEvent')).toBe('转化事件');
    expect(eventTypeLabel('example:MyEvent')).toBe('example:MyEvent');
    expect(uomLabel('KGM')).toBe('千克');
    expect(uomLabel('XYZ')).toBe('XYZ');
  });
});

describe('documentText', () => {
  it('cites a CBV document identifier by its number and issuer, others as written', () => {
    expect(documentText('po', 'urn:epcglobal:cbv:bt:6970000000017:PO-2026-118')).toBe('采购订单 PO-2026-118（GLN 6970000000017）');
    expect(documentText('https://ref.gs1.org/cbv/BTT-desadv', 'https://erp.example.cn/dn/1')).toBe('发货通知 https://erp.example.cn/dn/1');
    expect(documentText(null, 'DN-9')).toBe('DN-9');
  });
});

describe('formatEventTime', () => {
  it('shows the time where the event happened, naming the offset when it is not China time', () => {
    expect(formatEventTime('2026-11-05T10:00:00+08:00', '+08:00')).toBe('2026-11-05 10:00:00');
    expect(formatEventTime('2026-11-05T02:00:00Z', '+08:00')).toBe('2026-11-05 10:00:00');
    expect(formatEventTime('2026-11-05T02:00:00Z', '-05:00')).toBe('2026-11-04 21:00:00（UTC-05:00）');
    expect(formatEventTime('2026-11-05T02:00:00Z', null)).toBe('2026-11-05 10:00:00');
    expect(formatEventTime('not a time', '+08:00')).toBe('not a time');
  });
});
