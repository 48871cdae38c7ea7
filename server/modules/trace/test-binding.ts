import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/**
 * Tests' access to the EPCIS 2.0 REST binding's own schemas (fixtures/epcis/gs1-EPCIS/REST-Bindings/openapi.json):
 * answers under /epcis are checked against them, not against a copy of ours.
 */

const OPENAPI_FILE = path.resolve(import.meta.dirname, '../../../../shared/fixtures/epcis/gs1-EPCIS/REST-Bindings/openapi.json');
export const OPENAPI = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, object>; responses: Record<string, { content: Record<string, { schema: { allOf: object[] } }> }> };
};
// The binding writes the QuerySchedule field patterns with Oniguruma subexpression calls (\g<element>), which
// JavaScript regular expressions lack (and `[0-59]` as a character class): the grammar they describe is used instead.
const ELEMENT = '(\\d{1,2}|\\[\\d{1,2}-\\d{1,2}\\])';
for (const name of ['Second', 'Minute', 'Hour', 'DayOfMonth', 'Month', 'DayOfWeek']) {
  const schema = OPENAPI.components.schemas[`GS1-Query-${name}`] as { pattern?: string } | undefined;
  if (schema) schema.pattern = `^${ELEMENT}(,${ELEMENT})*$`;
}
const RFC7807 = OPENAPI.components.schemas.RFC7807ProblemResponseBody as object;

// The binding's schemas carry `xml`, `example` and `nullable` keywords; ajv-formats checks `format: uri`.
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its default export sits under `default` for ESM (as in epcis/validate.ts).
addFormats.default(ajv);
ajv.addSchema(OPENAPI, 'openapi');

/** A schema of the binding by JSON pointer into openapi.json (its internal $refs resolve there). */
export const binding = (pointer: string): ValidateFunction => ajv.compile({ $ref: `openapi#${pointer}` });

/**
 * A schema built from the binding's parts (its `#/…` references resolved in openapi.json): for where the binding's own
 * schema cannot be met, e.g. CaptureJob's `oneOf` of two branches that require nothing, which every object matches twice.
 */
export const bindingSchema = (schema: object): ValidateFunction => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/', '"openapi#/')));

/**
 * The binding's schema of one problem response (components/responses/<name>), its RFC 7807 reference resolved;
 * `mediaType` for the responses the binding gives under another type (400SubscriptionIssues: application/json).
 */
export const problemSchema = (name: string, mediaType = 'application/problem+json'): ValidateFunction =>
  ajv.compile({ allOf: (OPENAPI.components.responses[name]?.content[mediaType]?.schema.allOf ?? []).map((p) => ('$ref' in p ? RFC7807 : p)) });

const validateProblemBody = ajv.compile(RFC7807);

export function expectValid(validate: ValidateFunction, body: unknown): void {
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

/** A problem answer: status, content type, RFC 7807 members (and the binding's response schema), bilingual detail. */
export function expectProblem(res: LightMyRequestResponse, status: number, type: string, schema?: ValidateFunction) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expectValid(validateProblemBody, body);
  if (schema) expectValid(schema, body);
  expect(body).toMatchObject({ type, status });
  expect(body.detail).toMatch(/[\u4e00-\u9fff].* \/ .*[A-Za-z]/);
  expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
  return body;
}

/**
 * The binding's CaptureJob, with the members a job always has required. Its `errors`/`errorFile` oneOf has branches
 * that require nothing, so every job matches both and fails: it is read as anyOf (RFC 7807 errors, or an errorFile URI).
 */
export function captureJobSchema(): object {
  const job = structuredClone(OPENAPI.components.schemas.CaptureJob) as { allOf: [object, { oneOf?: object[]; anyOf?: object[] }] };
  job.allOf[1] = { anyOf: job.allOf[1].oneOf };
  return { ...job, required: ['captureID', 'running', 'success', 'captureErrorBehaviour', 'createdAt', 'errors'] };
}
