import type { ConsumerView } from './consumer-view.ts';

/**
 * The resolver's machine-readable answer: an RFC 9264 linkset (application/linkset+json) whose anchor is the canonical
 * GS1 Digital Link and whose relation types are GS1 Web Vocabulary link types (GS1-Conformant Resolver Standard:
 * `linkType` query parameter, `linkType=linkset` for the whole set, link types written as full URIs in a linkset
 * because RFC 8288 extension relation types must be URIs — `gs1:pip` is the CURIE a client may pass as `linkType`).
 */

export const GS1_VOC = 'https://gs1.org/voc/';
export const LINKSET_TYPE = 'application/linkset+json';

export type Representation = 'html' | 'linkset' | 'traceability';
export type MediaType = 'text/html' | 'application/linkset+json' | 'application/json';

/** What a `linkType` query parameter asks for; null when absent or a link type we do not serve (then: negotiate). */
export function representationOf(linkType: string | undefined): Representation | null {
  if (!linkType) return null;
  const word = linkType.startsWith('gs1:') ? linkType.slice(4) : linkType.startsWith(GS1_VOC) ? linkType.slice(GS1_VOC.length) : linkType;
  if (word === 'linkset' || word === 'all') return 'linkset';
  if (word === 'pip' || word === 'defaultLink') return 'html';
  if (word === 'traceability') return 'traceability';
  return null;
}

const OFFERS: MediaType[] = ['text/html', 'application/linkset+json', 'application/json'];

/**
 * HTTP content negotiation (RFC 9110 §12.5.1) over what the resolver offers: the most preferred (q, then the more
 * specific media range) wins; HTML on a tie and when no Accept is sent, as phones scanning a QR code expect.
 */
export function negotiate(accept: string | undefined): MediaType {
  if (!accept || accept.trim() === '') return 'text/html';
  const ranges = accept.split(',').map((part) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    return { range, q: Number.isFinite(value) ? value : 0 };
  });
  let best: { type: MediaType; q: number; specificity: number } = { type: 'text/html', q: 0, specificity: -1 };
  for (const type of OFFERS) {
    const [major] = type.split('/');
    let match: { q: number; specificity: number } | null = null;
    for (const r of ranges) {
      const specificity = r.range === type ? 2 : r.range === `${major}/*` ? 1 : r.range === '*/*' ? 0 : -1;
      if (specificity >= 0 && (match === null || specificity > match.specificity)) match = { q: r.q, specificity };
    }
    if (match && match.q > 0 && (match.q > best.q || (match.q === best.q && match.specificity > best.specificity))) best = { type, ...match };
  }
  return best.q > 0 ? best.type : 'text/html';
}

/** `uri` with `linkType=<type>` added to its query. */
export function withLinkType(uri: string, linkType: string): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}linkType=${encodeURIComponent(linkType)}`;
}

interface Link {
  href: string;
  title: string;
  type?: string;
  hreflang: string[];
}

/** The linkset of a code: product information page, the public chain-of-custody JSON, and certification references. */
export function buildLinkset(view: ConsumerView): { linkset: Record<string, string | Link[]>[] } {
  const name = view.product.name ?? '产品';
  const pip: Link = { href: withLinkType(view.code.uri, 'gs1:pip'), title: `${name} · 追溯信息`, type: 'text/html', hreflang: ['zh-CN'] };
  const entry: Record<string, string | Link[]> = {
    anchor: view.code.anchor,
    [`${GS1_VOC}defaultLink`]: [pip],
    [`${GS1_VOC}pip`]: [pip],
  };
  if (view.code.level !== 'class') {
    entry[`${GS1_VOC}traceability`] = [
      { href: withLinkType(view.code.uri, 'gs1:traceability'), title: '流通记录（时间线）', type: 'application/json', hreflang: ['zh-CN'] },
    ];
  }
  if (view.certifications.length > 0) {
    entry[`${GS1_VOC}certificationInfo`] = view.certifications.map((href) => ({ href, title: '认证信息', hreflang: ['zh-CN'] }));
  }
  return { linkset: [entry] };
}
