/** The kinds of traceable codes (common/gs1 `IdentifierKind`) as the trace pages name and colour them. */
import type { IdentifierKind } from '../../../common/gs1/index.ts';

export type CodeKind = IdentifierKind;

export const KIND_ORDER: readonly CodeKind[] = ['batch', 'item', 'class', 'sscc', 'location', 'other'];

export const KIND_LABEL: Record<CodeKind, string> = {
  batch: '批次',
  item: '单品',
  class: '产品',
  sscc: '托盘',
  location: '地点',
  other: '其他',
};

export const KIND_COLOR: Record<CodeKind, string> = {
  batch: '#1d4f91',
  item: '#13a8a8',
  class: '#722ed1',
  sscc: '#d48806',
  location: '#7cb305',
  other: '#8c8c8c',
};

export const kindRank = (kind: CodeKind): number => KIND_ORDER.indexOf(kind);
