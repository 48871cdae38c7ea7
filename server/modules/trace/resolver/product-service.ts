import type { Selectable } from 'kysely';
import { checkCreditCode } from '../../../../common/credit-code.ts';
import { buildDigitalLink, checkGtin, describeCheckDigitProblem, Gs1Error, isCset82, isUnderCompanyPrefix } from '../../../../common/gs1/index.ts';
import type { RegisterProductInput, TraceProduct } from '../../../../common/trace-api.ts';
import type { TraceProductTable } from '../../../db/types.ts';
import { type AuditContext, appendAudit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldIssue, forbidden, validationFailed } from '../../../platform/errors.ts';
import { type Actor, requireRole } from '../../../platform/scope.ts';
import { inTransaction } from '../../../platform/transaction.ts';
import { type ProductCode, readCode } from './code.ts';
import { allocatePlatformGtin } from './gtin-allocation.ts';

/**
 * Product master data (trace_product) and the codes the platform issues. A GS1 product is registered by its owner's
 * GTIN; a product whose owner has no GS1 Company Prefix by the owner's product number (productRef), and the platform
 * allocates it a GTIN under the platform's own prefix (common/gs1/platform-code.ts). Either way its codes are the GS1
 * Digital Links `<PUBLIC_BASE_URL>/01/<gtin14>[/10/<lot>|/21/<serial>]`, and the row's enterprise_credit_code is the
 * owner the consumer page names and the write rules check. The city registers for any enterprise; an enterprise for
 * itself.
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
    gtinIssuer: row.gtin_issuer,
    productRef: row.product_ref,
    name: row.name,
    brand: row.brand,
    spec: row.spec,
    category: row.category,
    enterpriseCreditCode: row.enterprise_credit_code,
    enterpriseName: row.enterprise_name,
    origin: row.origin,
    shelfLifeDays: row.shelf_life_days,
    code: buildDigitalLink(base, { ai: '01', value: row.gtin }),
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

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

const productExists = (gtin: boolean) =>
  new AppError(409, 'TRACE_PRODUCT_EXISTS', '该产品已登记 / This product is already registered', [
    { field: gtin ? 'body.gtin' : 'body.productRef', rule: 'unique', message: '已登记 / already registered' },
  ]);

/**
 * Registers a product (city_admin for any enterprise, an enterprise for itself): with the owner's `gtin`, or with a
 * `productRef` and a GTIN the platform allocates under `companyPrefix` (its GS1 Company Prefix). 409 when the GTIN or
 * the owner's reference exists, or when the prefix has no GTIN left; a GTIN under the platform's prefix is the
 * platform's to allocate, so nobody registers one as their own.
 */
export async function registerProduct(
  db: Db,
  actor: Actor,
  input: RegisterProductInput,
  base: string,
  companyPrefix: string,
  ctx: AuditContext,
): Promise<TraceProduct> {
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
    else if (isUnderCompanyPrefix(input.gtin, companyPrefix)) {
      issues.push({
        field: 'body.gtin',
        rule: 'platform_prefix',
        message: `该条码属于平台的厂商识别代码 ${companyPrefix}，由平台分配，不能作为企业自有条码登记 / GTINs under the platform's GS1 Company Prefix are allocated by the platform`,
      });
    } else gtin = input.gtin.padStart(14, '0');
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
    if (await existing.executeTakeFirst()) throw productExists(gtin !== null);
    const allocated = gtin === null;
    const issuer: 'owner' | 'platform' = allocated ? 'platform' : 'owner';
    const values = {
      gtin: gtin ?? (await allocatePlatformGtin(trx, companyPrefix)),
      gtin_issuer: issuer,
      product_ref: allocated ? (input.productRef ?? null) : null,
      name: input.name.trim(),
      brand: input.brand?.trim() || null,
      spec: input.spec?.trim() || null,
      category: input.category?.trim() || null,
      origin: input.origin?.trim() || null,
      shelf_life_days: input.shelfLifeDays ?? null,
      enterprise_credit_code: owner.creditCode,
      enterprise_name: owner.name,
    };
    // A registration racing this one for the same GTIN or reference: its unique key answers (our increment of the
    // allocation counter rolls back with us).
    const row = await trx
      .insertInto('trace_product')
      .values(values)
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        throw isUniqueViolation(err) ? productExists(!allocated) : err;
      });
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
  return db.selectFrom('trace_product').selectAll().where('gtin', '=', code.gtin).executeTakeFirst();
}

/**
 * Reads a code for a QR code or label sheet and checks that the caller may print it: regulators any code, an
 * enterprise only codes of its own registered products — its own GTINs and those the platform allocated to it.
 */
export async function codeForPrinting(db: Db, actor: Actor, uri: string, base: string): Promise<{ code: ProductCode; product: ProductRow | undefined }> {
  requireRole(actor, 'city_admin', 'county_officer', 'enterprise');
  const reading = readCode(uri, base);
  if (!reading.ok) {
    throw validationFailed([{ field: 'query.uri', rule: 'gs1', message: `追溯码无效：${reading.details.join('；')} / not a product code` }]);
  }
  const product = await productOfCode(db, reading.code);
  if (actor.role === 'enterprise') {
    if (product?.enterprise_credit_code !== actor.enterpriseCreditCode) {
      throw new AppError(403, 'TRACE_CODE_NOT_YOURS', '只能为本企业登记的产品生成二维码 / You may print codes of your own registered products only');
    }
  }
  return { code: reading.code, product };
}

export interface IssueCodeInput {
  /** The registered product's GTIN: its owner's, or the one the platform allocated. */
  gtin: string;
  lot?: string;
  serial?: string;
}

export interface IssuedCode {
  /** What the QR code carries: the GS1 Digital Link on our domain. */
  uri: string;
  /** The identifier to use in EPCIS events for this batch or item (the canonical constrained form on id.gs1.org). */
  epcisIdentifier: string;
  level: ProductCode['level'];
  elementString: string;
  productName: string;
  qrPng: string;
  qrSvg: string;
  labels: string;
}

/**
 * Issues the code of a batch or item of a registered product: the Digital Link on our domain for its GTIN (its owner's
 * or platform-allocated). Codes are deterministic, so issuing stores nothing but the audit row that says who issued
 * which code.
 */
export async function issueCode(db: Db, actor: Actor, input: IssueCodeInput, base: string, ctx: AuditContext): Promise<IssuedCode> {
  requireRole(actor, 'city_admin', 'enterprise');
  let uri: string;
  try {
    uri = buildDigitalLink(base, { ai: '01', value: input.gtin }, [
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
      { field: 'body.gtin', rule: 'registered', message: '产品未登记 / product not registered' },
    ]);
  }
  const issued: IssuedCode = {
    uri: code.ourUri,
    epcisIdentifier: code.identifiers[0] ?? code.anchor,
    level: code.level,
    elementString: code.elementString,
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
