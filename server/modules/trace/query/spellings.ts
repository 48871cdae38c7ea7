import { digitalLinkToEpcUrn, normaliseIdentifier } from '../../../../common/gs1/index.ts';
import { type CbvVocabulary, normaliseCbvWord } from '../epcis/index.ts';

/**
 * The spellings a value may have inside a stored event document. Columns hold normalised values (bare CBV words,
 * canonical identifiers); fields read from `trace_event.document` are as captured, so a query value is expanded
 * into each spelling the document could hold and compared with any of them.
 */

// CBV 2.0 §7 Web URIs and the CBV 1.x URNs (as in epcis/cbv.ts, which normalises the other way).
const CBV_NAMES: Record<CbvVocabulary, { urn: string; web: string }> = {
  bizStep: { urn: 'bizstep', web: 'BizStep' },
  disposition: { urn: 'disp', web: 'Disp' },
  bizTransactionType: { urn: 'btt', web: 'BTT' },
  sourceDestType: { urn: 'sdt', web: 'SDT' },
  errorReason: { urn: 'er', web: 'ER' },
};

/** `in_transit` → the bare word and its Web URI / URN forms; a non-CBV URI stays itself. */
export function cbvSpellings(value: string, vocabulary: CbvVocabulary): string[] {
  const word = normaliseCbvWord(value, vocabulary);
  if (word === value && value.includes(':')) return [value];
  const { urn, web } = CBV_NAMES[vocabulary];
  return [
    word,
    `https://ref.gs1.org/cbv/${web}-${word}`,
    `http://ref.gs1.org/cbv/${web}-${word}`,
    `https://ns.gs1.org/cbv/${web}-${word}`,
    `http://ns.gs1.org/cbv/${web}-${word}`,
    `urn:epcglobal:cbv:${urn}:${word}`,
  ];
}

// The EPCIS 2.0 JSON-LD context maps the bare measurement types (`Temperature`) to gs1:… = https://gs1.org/voc/….
const GS1_VOC = /^(?:gs1:|https?:\/\/(?:www\.)?gs1\.org\/voc\/)([A-Za-z]+)$/;

/** A sensorReport `type`: `Temperature`, `gs1:Temperature`, `https://gs1.org/voc/Temperature`; other URIs as given. */
export function measurementTypeSpellings(value: string): string[] {
  const word = GS1_VOC.exec(value)?.[1] ?? value;
  if (word.includes(':')) return [value];
  return [
    word,
    `gs1:${word}`,
    `https://gs1.org/voc/${word}`,
    `http://gs1.org/voc/${word}`,
    `https://www.gs1.org/voc/${word}`,
    `http://www.gs1.org/voc/${word}`,
  ];
}

/**
 * An identifier (EPC URN or Digital Link) as written in the query, in its canonical Digital Link form, and as the EPC
 * URN for each possible GS1 Company Prefix length (the split is not recoverable from the key, TDS §7): the forms a
 * source/destination in a stored document may take.
 */
export function identifierSpellings(value: string): string[] {
  const spellings = new Set([value]);
  const n = normaliseIdentifier(value);
  if (n.errors.length === 0 && n.key !== undefined) {
    spellings.add(n.canonical);
    for (let length = 6; length <= 12; length += 1) {
      try {
        spellings.add(digitalLinkToEpcUrn(n.canonical, length));
      } catch {
        // that length cannot split this key
      }
    }
  }
  return [...spellings];
}
