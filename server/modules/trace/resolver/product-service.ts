import type { Selectable } from 'kysely';
import { checkCreditCode } from '../../../../common/credit-code.ts';
import { buildDigitalLink, checkGtin, describeCheckDigitProblem, Gs1Error, isCset82 } from '../../../../common/gs1/index.ts';
import type { RegisterProductInput, TraceProduct } from '../../../../common/trace-api.ts';
import type { TraceProductTable } from '../../../db/types.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldIssue, forbidden, validationFailed } from '../../../platform/errors.ts';
import { type Actor, requireRole } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { issuePlatformCode, type ProductCode, readCode } from './code.ts';

/**
 * Product master data (trace_product) and the codes the platform issues: a GS1 product is registered by its GTIN, a
 * product whose owner has no GS1 Company Prefix by the owner's credit code and a product reference, and then gets
 * platform codes `<PUBLIC_BASE_URL>/p/<creditCode>/<productRef>[/b/<lot>|/s/<serial>]` (common/gs1 platform-code.ts).
 * The city registers for any enterprise; an enterprise for itself.
 */

export type { RegisterProductInput, TraceProduct } from '../../../../common/trace-api.ts';

type ProductRow = Selectable<TraceProductTable>;

export interface ListProductsInput {
  page: number;
  pageSize: number;
  q?: string;
}

export function presentProduct(row: ProductRow, base: string): TraceProduct {
  return {
    id: row.id,
    gtin: row.gtin,
    productRef: row.product_ref,
    name: row.name,
    brand: row.brand,
    spec: row.spec,
    category: row.category,
    enterpriseCreditCode: row.enterprise_credit_code,
    enterpriseName: row.enterprise_name,
    origin: row.origin,
    shelfLifeDays: row.shelf_life_days,
    code:
      row.gtin !== null
        ? buildDigitalLink(base, { ai: '01', value: row.gtin })
        : issuePlatformCode(base, { creditCode: row.enterprise_credit_code, productRef: row.product_ref ?? '' }),
    createdAt: row.created_at.toISOString(),
  };
}

function creditCodeIssue(field: string, code: string): FieldIssue | null {
  const problem = checkCreditCode(code);
  if (!problem) return null;
  return problem.rule === 'check'
    ? { field, rule: 'check_char', message: `第 18 位校验码应为 ${problem.expected} / check character (position 18) should be ${problem.expected}` }
    : { field, rule: problem.rule, message: '统一社会信用代码格式不正确 (GB 32100-2015) / not a valid unified social credit code' };
}

/** Whose product a request is about: the enterprise itself, or (for the city) the enterprise named in the body. */
async function ownerOf(db: Db, actor: Actor, input: { enterpriseCreditCode?: string; enterpriseName?: string }, issues: FieldIssue[]) {
  if (actor.role === 'enterprise') {
    if (!actor.enterpriseCreditCode) throw forbidden();
    if (input.enterpriseCreditCode !== undefined && input.enterpriseCreditCode !== actor.enterpriseCreditCode) throw forbidden();
    const user = await db.selectFrom('platform_user').select('enterprise_name').where('id', '=', actor.id).executeTakeFirst();
    return { creditCode: actor.enterpriseCreditCode, name: user?.enterprise_name ?? actor.displayName };
  }
  const creditCode = input.enterpriseCreditCode ?? '';
  if (!input.enterpriseCreditCode) issues.push({ field: 'body.enterpriseCreditCode', rule: 'required', message: '必填 / is required' });
  else {
    const issue = creditCodeIssue('body.enterpriseCreditCode', creditCode);
    if (issue) issues.push(issue);
  }
  if (!input.enterpriseName?.trim()) issues.push({ field: 'body.enterpriseName', rule: 'required', message: '必填 / is required' });
  return { creditCode, name: input.enterpriseName?.trim() ?? '' };
}

/** Registers a product (city_admin for any enterprise, an enterprise for itself); 409 when the GTIN or reference exists. */
export async function registerProduct(db: Db, actor: Actor, input: RegisterProductInput, base: string, ctx: AuditContext): Promise<TraceProduct> {
  requireRole(actor, 'city_admin', 'enterprise');
  const issues: FieldIssue[] = [];
  let gtin: string | null = null;
  if ((input.gtin === undefined) === (input.productRef === undefined)) {
    issues.push({
      field: 'body.gtin',
      rule: 'one_of',
      message: '须给出 GTIN（有 GS1 厂商识别代码）或 productRef（无 GS1 厂商识别代码，由平台赋码）之一 / give either gtin or productRef',
    });
  }
  if (input.gtin !== undefined) {
    const problem = checkGtin(input.gtin);
    if (problem) issues.push({ field: 'body.gtin', rule: 'gtin', message: `商品条码无效：${describeCheckDigitProblem(problem, 'GTIN')} / invalid GTIN` });
    else gtin = input.gtin.padStart(14, '0');
  }
  if (input.productRef !== undefined && (input.productRef.length > 30 || !isCset82(input.productRef))) {
    issues.push({
      field: 'body.productRef',
      rule: 'cset82',
      message: '产品编号须为 1–30 位字母、数字或 GS1 允许的符号 / productRef must be 1–30 GS1 CSET 82 characters',
    });
  }
  const owner = await ownerOf(db, actor, input, issues);
  if (issues.length) throw validationFailed(issues);
  return inTransaction(db, async (trx) => {
    let existing = trx.selectFrom('trace_product').select('id');
    existing =
      gtin !== null
        ? existing.where('gtin', '=', gtin)
        : existing.where('enterprise_credit_code', '=', owner.creditCode).where('product_ref', '=', input.productRef ?? '');
    if (await existing.executeTakeFirst()) {
      throw new AppError(409, 'TRACE_PRODUCT_EXISTS', '该产品已登记 / This product is already registered', [
        { field: gtin !== null ? 'body.gtin' : 'body.productRef', rule: 'unique', message: '已登记 / already registered' },
      ]);
    }
    const row = await trx
      .insertInto('trace_product')
      .values({
        gtin,
        product_ref: gtin === null ? (input.productRef ?? null) : null,
        name: input.name.trim(),
        brand: input.brand?.trim() || null,
        spec: input.spec?.trim() || null,
        category: input.category?.trim() || null,
        origin: input.origin?.trim() || null,
        shelf_life_days: input.shelfLifeDays ?? null,
        enterprise_credit_code: owner.creditCode,
        enterprise_name: owner.name,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const product = presentProduct(row, base);
    await appendAudit(trx, ctx, { action: 'trace.product.register', entityType: 'trace_product', entityId: row.id, after: product });
    return product;
  });
}

/** Registered products: all of them for regulators, its own for an enterprise; newest first. */
export async function listProducts(db: Db, actor: Actor, input: ListProductsInput, base: string) {
  requireRole(actor, 'city_admin', 'county_officer', 'inspector', 'enterprise');
  let q = db.selectFrom('trace_product');
  if (actor.role === 'enterprise') q = q.where('enterprise_credit_code', '=', actor.enterpriseCreditCode ?? '');
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('name', 'ilike', like),
        eb('brand', 'ilike', like),
        eb('gtin', 'like', like),
        eb('product_ref', 'ilike', like),
        eb('enterprise_name', 'ilike', like),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => presentProduct(r, base)), total: Number(total.n), page: input.page, pageSize: input.pageSize };
}

/** The registered product a code names, if any. */
export async function productOfCode(db: Db, code: ProductCode): Promise<ProductRow | undefined> {
  const q = db.selectFrom('trace_product').selectAll();
  return code.scheme === 'gs1'
    ? q.where('gtin', '=', code.gtin).executeTakeFirst()
    : q.where('enterprise_credit_code', '=', code.creditCode).where('product_ref', '=', code.productRef).executeTakeFirst();
}

/**
 * Reads a code for a QR code or label sheet and checks that the caller may print it: regulators any code, an
 * enterprise only codes of its own products (a registered GTIN, or a platform code under its credit code).
 */
export async function codeForPrinting(db: Db, actor: Actor, uri: string, base: string): Promise<{ code: ProductCode; product: ProductRow | undefined }> {
  requireRole(actor, 'city_admin', 'county_officer', 'enterprise');
  const reading = readCode(uri, base);
  if (!reading.ok) {
    throw validationFailed([{ field: 'query.uri', rule: 'gs1', message: `追溯码无效：${reading.details.join('；')} / not a product code` }]);
  }
  const product = await productOfCode(db, reading.code);
  if (actor.role === 'enterprise') {
    const own =
      reading.code.scheme === 'platform'
        ? reading.code.creditCode === actor.enterpriseCreditCode
        : product?.enterprise_credit_code === actor.enterpriseCreditCode;
    if (!own) {
      throw new AppError(403, 'TRACE_CODE_NOT_YOURS', '只能为本企业登记的产品生成二维码 / You may print codes of your own registered products only');
    }
  }
  return { code: reading.code, product };
}

export interface IssueCodeInput {
  gtin?: string;
  productRef?: string;
  /** city_admin only: the owner of a platform-coded product. */
  creditCode?: string;
  lot?: string;
  serial?: string;
}

export interface IssuedCode {
  /** What the QR code carries: a GS1 Digital Link / platform code on our domain. */
  uri: string;
  /** The identifier to use in EPCIS events for this batch or item (canonical: id.gs1.org for GS1; the platform code). */
  epcisIdentifier: string;
  level: ProductCode['level'];
  elementString: string | null;
  productName: string;
  qrPng: string;
  qrSvg: string;
  labels: string;
}

/**
 * Issues the code of a batch or item of a registered product: a platform code for a product without a GS1 prefix
 * (`productRef`), or the Digital Link on our domain for a GTIN. Codes are deterministic, so issuing stores nothing but
 * the audit row that says who issued which code.
 */
export async function issueCode(db: Db, actor: Actor, input: IssueCodeInput, base: string, ctx: AuditContext): Promise<IssuedCode> {
  requireRole(actor, 'city_admin', 'enterprise');
  const issues: FieldIssue[] = [];
  if ((input.gtin === undefined) === (input.productRef === undefined)) {
    issues.push({ field: 'body.productRef', rule: 'one_of', message: '须给出 productRef（平台码）或 gtin 之一 / give either productRef or gtin' });
  }
  if (input.productRef !== undefined && input.lot !== undefined && input.serial !== undefined) {
    issues.push({ field: 'body.serial', rule: 'one_of', message: '平台码只含批次号或序列号之一 / a platform code names a lot or a serial, not both' });
  }
  const creditCode = actor.role === 'enterprise' ? (actor.enterpriseCreditCode ?? '') : (input.creditCode ?? '');
  if (actor.role === 'enterprise' && input.creditCode !== undefined && input.creditCode !== creditCode) throw forbidden();
  if (input.productRef !== undefined && actor.role !== 'enterprise') {
    const issue = input.creditCode
      ? creditCodeIssue('body.creditCode', input.creditCode)
      : { field: 'body.creditCode', rule: 'required', message: '必填 / is required' };
    if (issue) issues.push(issue);
  }
  if (issues.length) throw validationFailed(issues);
  let uri: string;
  try {
    uri =
      input.productRef !== undefined
        ? issuePlatformCode(base, {
            creditCode,
            productRef: input.productRef,
            ...(input.lot === undefined ? {} : { lot: input.lot }),
            ...(input.serial === undefined ? {} : { serial: input.serial }),
          })
        : buildDigitalLink(base, { ai: '01', value: input.gtin ?? '' }, [
            ...(input.lot === undefined ? [] : [{ ai: '10', value: input.lot }]),
            ...(input.serial === undefined ? [] : [{ ai: '21', value: input.serial }]),
          ]);
  } catch (err) {
    if (err instanceof Gs1Error) throw validationFailed(err.errors.map((e) => ({ field: 'body', rule: 'gs1', message: `${e} / 追溯码无效` })));
    throw err;
  }
  const { code, product } = await codeForPrinting(db, actor, uri, base);
  if (!product) {
    throw new AppError(404, 'TRACE_PRODUCT_NOT_REGISTERED', '请先登记该产品，再为其批次赋码 / Register the product before issuing codes for it', [
      { field: input.productRef !== undefined ? 'body.productRef' : 'body.gtin', rule: 'registered', message: '产品未登记 / product not registered' },
    ]);
  }
  const issued: IssuedCode = {
    uri: code.ourUri,
    epcisIdentifier: code.identifiers[0] ?? code.anchor,
    level: code.level,
    elementString: code.scheme === 'gs1' ? code.elementString : null,
    productName: product.name,
    qrPng: `/api/v1/trace/codes/qr.png?uri=${encodeURIComponent(code.ourUri)}`,
    qrSvg: `/api/v1/trace/codes/qr.svg?uri=${encodeURIComponent(code.ourUri)}`,
    labels: `/api/v1/trace/codes/labels.html?uri=${encodeURIComponent(code.ourUri)}`,
  };
  await inTransaction(db, (trx) =>
    appendAudit(trx, ctx, { action: 'trace.code.issue', entityType: 'trace_product', entityId: product.id, after: { uri: issued.uri, level: issued.level } }),
  );
  return issued;
}
