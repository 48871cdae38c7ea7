import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { CAPTURE_ERROR_BEHAVIOURS, CAPTURE_STATUSES, type CaptureJobView, type CaptureStatus } from '../../../common/trace-api.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { RegionDirectory } from '../../platform/regions.ts';
import { actorOf } from '../../platform/request-context.ts';
import { type Actor, regionCodeInScope, requireRole, resolveScopePath } from '../../platform/scope.ts';
import { errors, pageOf } from '../platform/schema.ts';

/**
 * The list of EPCIS capture jobs (trace_capture) for people: what was reported, whether it was stored, and why not.
 * Who sees a job: the city every job; a county officer the jobs of enterprises with a registered location in its
 * region, and of accounts registered there; an enterprise the jobs it started or that carry its credit code.
 */

export interface ListCaptureJobsInput {
  page: number;
  pageSize: number;
  status?: CaptureStatus;
  /** The region switcher's choice (regulators); narrower than the caller's scope or 404. */
  regionCode?: string;
}

function jobsVisibleTo(db: Db, regions: RegionDirectory, actor: Actor, regionCode: string | undefined) {
  requireRole(actor, 'city_admin', 'county_officer', 'enterprise');
  let q = db.selectFrom('trace_capture as c').leftJoin('platform_user as u', 'u.id', 'c.created_by');
  if (actor.role === 'enterprise') {
    const own = actor.enterpriseCreditCode;
    return q.where((eb) => eb.or([eb('c.created_by', '=', actor.id), ...(own ? [eb('c.enterprise_credit_code', '=', own)] : [])]));
  }
  const requested = regionCode ? regions.get(regionCode) : undefined;
  if (regionCode && !requested) throw notFound();
  const scopePath = resolveScopePath(actor, requested);
  // The whole city: every job, including the city's own data-migration captures and those of removed accounts.
  if (actor.role === 'city_admin' && scopePath === actor.regionPath) return q;
  q = q.where((eb) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('trace_location as l')
          .select('l.id')
          .whereRef('l.enterprise_credit_code', '=', 'c.enterprise_credit_code')
          .where(regionCodeInScope('l.region_code', scopePath)),
      ),
      regionCodeInScope('u.region_code', scopePath),
    ]),
  );
  return q;
}

type JobQuery = ReturnType<typeof jobsVisibleTo>;

function selectJob(q: JobQuery) {
  return (
    q
      .select([
        'c.id',
        'c.status',
        'c.error_behaviour',
        'c.document_type',
        'c.event_count',
        'c.stored_count',
        'c.duplicate_count',
        'c.enterprise_credit_code',
        'c.created_at',
        'c.finished_at',
        'u.username',
        'u.display_name',
        'u.enterprise_name as user_enterprise_name',
      ])
      // The list reads the count and the first title only: a failed document may carry thousands of issues.
      .select([
        sql<number>`case when jsonb_typeof(c.errors) = 'array' then jsonb_array_length(c.errors) else 0 end`.as('error_count'),
        sql<string | null>`c.errors -> 0 ->> 'title'`.as('first_error'),
      ])
      .select((eb) =>
        eb
          .selectFrom('trace_location as n')
          .select('n.enterprise_name')
          .whereRef('n.enterprise_credit_code', '=', 'c.enterprise_credit_code')
          .orderBy('n.created_at')
          .limit(1)
          .as('location_enterprise_name'),
      )
  );
}

type JobRow = Awaited<ReturnType<ReturnType<typeof selectJob>['executeTakeFirstOrThrow']>>;

function errorTitle(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'title' in error && typeof error.title === 'string') return error.title;
  return null;
}

/** Row → JSON with explicit fields (the capture service's CaptureJob is the EPCIS REST shape; this one is for people). */
export function presentCaptureJob(row: JobRow, errorList: unknown[] = []): CaptureJobView {
  return {
    captureID: row.id,
    status: row.status,
    errorBehaviour: row.error_behaviour,
    documentType: row.document_type,
    eventCount: row.event_count,
    storedCount: row.stored_count,
    duplicateCount: row.duplicate_count,
    errorCount: Number(row.error_count),
    firstError: row.first_error ?? (errorList.length ? (errorTitle(errorList[0]) ?? JSON.stringify(errorList[0]).slice(0, 200)) : null),
    errors: errorList,
    enterpriseCreditCode: row.enterprise_credit_code,
    enterpriseName: row.enterprise_credit_code ? (row.location_enterprise_name ?? row.user_enterprise_name ?? null) : null,
    createdBy: row.username ? { username: row.username, displayName: row.display_name ?? row.username } : null,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

/** Capture jobs the caller may see, newest first; the list leaves out each job's full error list (see getCaptureJobView). */
export async function listCaptureJobs(db: Db, regions: RegionDirectory, actor: Actor, input: ListCaptureJobsInput) {
  let q = jobsVisibleTo(db, regions, actor, input.regionCode);
  if (input.status) q = q.where('c.status', '=', input.status);
  const [rows, total] = await Promise.all([
    selectJob(q)
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => presentCaptureJob(r)),
    total: Number(total.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** One capture job with all its errors; 404 when it does not exist or is outside the caller's view. */
export async function getCaptureJobView(db: Db, regions: RegionDirectory, actor: Actor, id: string): Promise<CaptureJobView> {
  const row = await selectJob(jobsVisibleTo(db, regions, actor, undefined).where('c.id', '=', id))
    .select('c.errors')
    .executeTakeFirst();
  if (!row) throw notFound();
  return presentCaptureJob(row, Array.isArray(row.errors) ? row.errors : []);
}

const nullableString = { type: ['string', 'null'] } as const;
const count = { type: 'integer' } as const;

export const captureJobSchema = {
  $id: 'TraceCaptureJob',
  type: 'object',
  required: ['captureID', 'status', 'errorBehaviour', 'eventCount', 'storedCount', 'duplicateCount', 'errorCount', 'errors', 'createdAt'],
  properties: {
    captureID: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: CAPTURE_STATUSES, description: 'partial: a greedy capture (proceed) stored some events and refused others' },
    errorBehaviour: { type: 'string', enum: CAPTURE_ERROR_BEHAVIOURS, description: 'GS1-Capture-Error-Behaviour the capture ran with' },
    documentType: { ...nullableString, description: 'EPCISDocument, EPCISQueryDocument, or the event type of a single-event capture' },
    eventCount: count,
    storedCount: count,
    duplicateCount: { ...count, description: 'identical retries acknowledged and not stored again' },
    errorCount: count,
    firstError: nullableString,
    errors: { type: 'array', items: {}, description: 'in the detail only; empty in the list' },
    enterpriseCreditCode: nullableString,
    enterpriseName: nullableString,
    createdBy: { type: ['object', 'null'], properties: { username: { type: 'string' }, displayName: { type: 'string' } } },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

/** GET /api/v1/trace/captures and /api/v1/trace/captures/:id. */
export async function captureJobRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['trace'];
  app.addSchema(captureJobSchema);

  app.get<{ Querystring: ListCaptureJobsInput }>(
    '/api/v1/trace/captures',
    {
      schema: {
        tags,
        summary: '上报记录（EPCIS 上报任务）/ Capture jobs, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            status: { type: 'string', enum: CAPTURE_STATUSES },
            regionCode: { type: 'string', pattern: '^\\d{6}(\\d{3})?$', description: 'regulators: a region within their scope' },
          },
        },
        response: { 200: pageOf('TraceCaptureJob#'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => listCaptureJobs(app.db, app.regions, actorOf(req), req.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/trace/captures/:id',
    {
      schema: {
        tags,
        summary: '上报记录详情（含错误）/ One capture job with its errors',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { $ref: 'TraceCaptureJob#' }, ...errors(401, 403, 404) },
      },
    },
    async (req) => getCaptureJobView(app.db, app.regions, actorOf(req), req.params.id),
  );
}
