import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../../../platform/errors.ts';
import { type CodeReading, readCode, readRequestPath } from './code.ts';
import { buildConsumerView } from './consumer-view.ts';
import { buildLinkset, LINKSET_TYPE, type MediaType, negotiate, representationOf, withLinkType } from './linkset.ts';
import { renderConsumerPage, renderProblemPage } from './render.ts';

/**
 * The GS1 Digital Link resolver on our own host — public, no login, rate-limited:
 * - `/01/<gtin>[/10/<lot>][/21/<serial>]` (and any other valid GTIN qualifier path, data attributes like `?17=` kept):
 *   what a QR code printed with our domain opens — an enterprise's own GTIN or one the platform allocated under its own
 *   GS1 Company Prefix for a product whose owner has none (common/gs1/platform-code.ts): one scheme for all;
 * - `/resolve?uri=<code>`: a code given whole — a Digital Link on any domain (the canonical https://id.gs1.org/…, a
 *   brand's own), an EPC URN, `(01)…(10)…` or a bare GTIN. "With or without the domain prefix" thus means: the path on
 *   our host, or the full URI of any resolver, which our resolver answers for too. (A Digital Link may also carry a
 *   path stem before the key — `https://example.com/dl/01/…`; on our host the key starts the path, so QR codes we
 *   issue never have one, and a stem elsewhere is read through /resolve.)
 *
 * Content negotiation: `application/linkset+json` or `application/json` → RFC 9264 linkset; otherwise the consumer
 * page. `?linkType=linkset|gs1:pip|gs1:traceability` picks a representation directly (GS1-Conformant Resolver
 * Standard). A malformed code is a 400, an unknown one a 404 — as a friendly page for browsers, as our error JSON for
 * JSON clients; never a stack trace.
 */
export async function resolverRoutes(app: FastifyInstance, base: string): Promise<void> {
  const config = { rateLimit: { max: app.rateLimits.publicPerMinute, timeWindow: '1 minute' } };
  const tags = ['trace'];
  const description =
    'Public GS1 Digital Link resolver. Accept: application/linkset+json or application/json → RFC 9264 linkset; otherwise the consumer page (HTML). ?linkType=linkset | gs1:pip | gs1:traceability. 400 for a malformed code, 404 for an unknown one (HTML or error JSON).';

  const answer = async (req: FastifyRequest, reply: FastifyReply, reading: CodeReading, shown: string) => {
    const query = req.query as Record<string, unknown>;
    const linkType = typeof query.linkType === 'string' ? query.linkType : undefined;
    const asked = representationOf(linkType);
    const media: MediaType =
      asked === 'linkset' ? LINKSET_TYPE : asked === 'traceability' ? 'application/json' : asked === 'html' ? 'text/html' : negotiate(req.headers.accept);
    reply.header('vary', 'Accept');
    const fail = (status: 400 | 404, code: string, message: string, details: string[]) => {
      if (media === 'text/html')
        return reply
          .status(status)
          .type('text/html; charset=utf-8')
          .send(renderProblemPage(status, shown, details));
      return reply
        .status(status)
        .send(errorBody(code, message, req.id, details.length ? details.map((d) => ({ field: 'code', rule: 'gs1', message: d })) : undefined));
    };
    if (!reading.ok) {
      return reading.problem === 'malformed'
        ? fail(400, 'TRACE_CODE_INVALID', '无法识别的追溯码 / Not a valid product code (GS1 Digital Link)', reading.details)
        : fail(404, 'TRACE_CODE_UNSUPPORTED', '该码不是商品追溯码 / Not a product code this resolver serves', reading.details);
    }
    const view = await buildConsumerView(app.db, app.regions, reading.code);
    if (!view) return fail(404, 'TRACE_CODE_UNKNOWN', '未查询到该追溯码 / Unknown code', []);
    reply.header('cache-control', 'public, max-age=60').header('link', `<${withLinkType(view.code.uri, 'linkset')}>; rel="linkset"; type="${LINKSET_TYPE}"`);
    if (asked === 'traceability') return reply.type('application/json; charset=utf-8').send(view);
    if (media === 'text/html') return reply.type('text/html; charset=utf-8').send(renderConsumerPage(view));
    return reply.type(media === LINKSET_TYPE ? LINKSET_TYPE : 'application/json; charset=utf-8').send(buildLinkset(view));
  };

  const byPath = async (req: FastifyRequest, reply: FastifyReply) => answer(req, reply, readRequestPath(req.url, base), base + (req.url.split('?')[0] ?? ''));

  const documented: [string, string][] = [
    ['/01/:gtin', '产品级数字链接 / GS1 Digital Link: product (GTIN)'],
    ['/01/:gtin/10/:lot', '批次追溯页 / GS1 Digital Link: batch'],
    ['/01/:gtin/21/:serial', '单品追溯页 / GS1 Digital Link: item'],
    ['/01/:gtin/10/:lot/21/:serial', '单品追溯页（含批次）/ GS1 Digital Link: item with its lot'],
  ];
  for (const [url, summary] of documented) {
    app.get(url, { config, schema: { tags, summary, description, security: [] } }, byPath);
  }
  // Everything else under /01 (other qualifier paths such as /22/…, malformed codes): same handler, so a bad code still
  // gets the friendly page rather than the API's 404.
  for (const url of ['/01/*', '/01']) app.get(url, { config, schema: { hide: true } }, byPath);

  app.get(
    '/resolve',
    { config, schema: { tags, summary: '解析任意形式的追溯码 / Resolve a code given whole (?uri=)', description, security: [] } },
    async (req, reply) => {
      const raw = (req.query as Record<string, unknown>).uri;
      const uri = typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : '';
      return answer(req, reply, readCode(uri, base), uri);
    },
  );
}
