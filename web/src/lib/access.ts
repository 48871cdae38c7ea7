import { ROLES, type Role } from '../api/platform-types';

/** Pages beyond the home page, and the roles that may open them (mirrors the API's permissions). */
export type Capability =
  | 'users'
  | 'audit'
  /** 规划实施: overview, indicators, evaluations, key projects (inspectors read only) */
  | 'plan'
  /** 数据填报: county officers for their county, city admins for the city row and any region */
  | 'planEntry'
  /** 数据审核, and every other plan write only the city bureau makes (targets, rubric, milestones, evaluations) */
  | 'planReview'
  /** 考核: city admins see every county, county officers their own row */
  | 'planAssessment'
  /** 规划管理: new plans and indicator definitions (targets, lead and responsible units) */
  | 'planAdmin'
  /** 市场主体: the registry; regulators their region's entities, an enterprise its own record (read-only) */
  | 'entities'
  /** 市场主体登记、修改与批量导入 (city and county officers, within their region) */
  | 'entitiesEdit'
  /** 信用风险分类: regulators in their region (internal: never enterprises, never public) */
  | 'entityCredit'
  /** 信用风险分类评分模型: publishing a new version (city bureau; POST /credit-models is city_admin only) */
  | 'creditModel'
  /** 监督抽查样品: regulators their region's samples, an enterprise its own issued ones (and its 复检 application) */
  | 'sampling'
  /** 抽查计划、合格率、分级分色: regulators only (product and enterprise grades are internal) */
  | 'samplingRegulator'
  /** 录入样品与检验结果 (drafts): the field staff and the officers */
  | 'samplingEntry'
  /** 出具结论、改判、复检、最终结论、公示、抽查计划 */
  | 'samplingDecide'
  /** 产品类别分级与分类分色规则 (city bureau) */
  | 'samplingCategories'
  /** 双随机: registers, plans, tasks and the draw ceremony, publication queue (city and county regulators, their region) */
  | 'inspections'
  /** 抽查事项清单 and a task's page: regulators, and inspectors for the tasks they were drawn for */
  | 'inspectionTasks'
  /** 我的检查任务: an inspector's own targets and their results (执法端) */
  | 'myInspections'
  /** 追溯监管: backward/forward trace and recall scope, across enterprises and regions (regulators only) */
  | 'trace'
  /** 产品与赋码: products, their batches and codes (QR, labels); an enterprise its own, inspectors none (they print no codes) */
  | 'traceProducts'
  /** 登记地点: registered GLNs; an enterprise its own, regulators their region's */
  | 'traceLocations'
  /** 上报记录: EPCIS capture jobs; an enterprise its own, a county its enterprises' */
  | 'traceCaptures'
  /** 登记批次事件 / 上传 EPCIS 文件: capture from the web, as the server allows (an enterprise at its own locations; the city for any) */
  | 'traceCapture'
  | 'traceSubscriptions'
  /** 接口密钥: API keys of machine clients that capture events (enterprises; the city for data migration) */
  | 'apiKeys'
  /** 法定节假日安排: entering and publishing the next year's State Council holiday notice (city bureau) */
  | 'holidayCalendar'
  /** 定时任务: the scheduled jobs, their runs and 立即运行 (city bureau: they act on the whole city) */
  | 'jobs';

const ALLOWED: Record<Capability, readonly Role[]> = {
  users: ['city_admin', 'county_officer'],
  audit: ['city_admin'],
  plan: ['city_admin', 'county_officer', 'inspector'],
  planEntry: ['city_admin', 'county_officer'],
  planReview: ['city_admin'],
  planAssessment: ['city_admin', 'county_officer'],
  planAdmin: ['city_admin'],
  entities: ['city_admin', 'county_officer', 'inspector', 'enterprise'],
  entitiesEdit: ['city_admin', 'county_officer'],
  entityCredit: ['city_admin', 'county_officer', 'inspector'],
  creditModel: ['city_admin'],
  inspections: ['city_admin', 'county_officer'],
  inspectionTasks: ['city_admin', 'county_officer', 'inspector'],
  myInspections: ['inspector'],
  trace: ['city_admin', 'county_officer', 'inspector'],
  traceProducts: ['city_admin', 'county_officer', 'enterprise'],
  traceLocations: ['city_admin', 'county_officer', 'inspector', 'enterprise'],
  traceCaptures: ['city_admin', 'county_officer', 'enterprise'],
  traceCapture: ['city_admin', 'enterprise'],
  traceSubscriptions: ['city_admin', 'county_officer', 'enterprise'],
  apiKeys: ['city_admin', 'enterprise'],
  sampling: ['city_admin', 'county_officer', 'inspector', 'enterprise'],
  samplingRegulator: ['city_admin', 'county_officer', 'inspector'],
  samplingEntry: ['city_admin', 'county_officer', 'inspector'],
  samplingDecide: ['city_admin', 'county_officer'],
  samplingCategories: ['city_admin'],
  holidayCalendar: ['city_admin'],
  jobs: ['city_admin'],
};

export function can(role: Role, capability: Capability): boolean {
  return ALLOWED[capability].includes(role);
}

export function allowedRoles(capability: Capability): readonly Role[] {
  return ALLOWED[capability];
}

/** Only city administrators look at other regions; everyone else is fixed to their own scope. */
export function canSwitchRegion(role: Role): boolean {
  return role === 'city_admin';
}

/** Roles a user may create: city admins any, county officers inspectors and enterprises only. */
export function creatableRoles(role: Role): readonly Role[] {
  if (role === 'city_admin') return ROLES;
  if (role === 'county_officer') return ['inspector', 'enterprise'];
  return [];
}

/** Who registers products and issues batch codes (the API: the city for any enterprise, an enterprise for itself). */
export function canRegisterProducts(role: Role): boolean {
  return role === 'city_admin' || role === 'enterprise';
}

/** Who registers enterprise locations (the API: the city anywhere, a county officer within its region). */
export function canRegisterLocations(role: Role): boolean {
  return role === 'city_admin' || role === 'county_officer';
}
