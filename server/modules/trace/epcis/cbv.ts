/** CBV 2.0 vocabularies whose standard values are written as bare words in EPCIS 2.0 JSON. */
export type CbvVocabulary = 'bizStep' | 'disposition' | 'bizTransactionType' | 'sourceDestType' | 'errorReason';

// The URN namespace (CBV 1.x, EPCIS XML: urn:epcglobal:cbv:bizstep:shipping) and the Web URI prefix
// (CBV 2.0 §7: https://ref.gs1.org/cbv/BizStep-shipping, what the JSON-LD context expands bare words to).
const SPELLINGS: Record<CbvVocabulary, { urn: string; web: string }> = {
  bizStep: { urn: 'bizstep', web: 'BizStep' },
  disposition: { urn: 'disp', web: 'Disp' },
  bizTransactionType: { urn: 'btt', web: 'BTT' },
  sourceDestType: { urn: 'sdt', web: 'SDT' },
  errorReason: { urn: 'er', web: 'ER' },
};

const ALL = Object.keys(SPELLINGS) as CbvVocabulary[]; // the keys of a literal record

/**
 * The bare CBV word for a CBV value in any of its spellings: `shipping`,
 * `urn:epcglobal:cbv:bizstep:shipping`, `https://ref.gs1.org/cbv/BizStep-shipping` (and the draft
 * `https://ns.gs1.org/cbv/…` form the schema also names) all give `shipping`. Anything else — a
 * bare word, a non-CBV URI (CBV-compatible documents, CBV 2.0 §5.2) — is returned unchanged.
 * Without `vocabulary`, a CBV value of any of the five vocabularies is recognised.
 */
export function normaliseCbvWord(value: string, vocabulary?: CbvVocabulary): string {
  for (const name of vocabulary ? [vocabulary] : ALL) {
    const { urn, web } = SPELLINGS[name];
    const urnPrefix = `urn:epcglobal:cbv:${urn}:`;
    // URN namespace identifiers and the NSS prefix are case-insensitive in practice (XML documents vary).
    if (value.length > urnPrefix.length && value.slice(0, urnPrefix.length).toLowerCase() === urnPrefix) return value.slice(urnPrefix.length);
    const match = /^https?:\/\/(?:ref|ns)\.gs1\.org\/cbv\/([A-Za-z]+)-(.+)$/.exec(value);
    if (match?.[1] === web && match[2]) return match[2];
  }
  return value;
}
