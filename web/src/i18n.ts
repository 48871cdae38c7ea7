import { createContext, createElement, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** Shell strings (menu, header, login, account, error pages). Module pages are Chinese only for now. */
const zh = {
  'app.name': '质量数智平台',
  'app.subtitle': '湖州市质量发展“十四五”规划 数字化平台',
  'app.org': '湖州市市场监督管理局',
  'app.copyright': '湖州市市场监督管理局 主办',
  'menu.main': '主菜单',
  'menu.home': '首页',
  'menu.admin': '系统管理',
  'menu.users': '用户管理',
  'menu.audit': '审计日志',
  'menu.holidayCalendar': '法定节假日安排',
  'menu.jobs': '定时任务',
  'menu.plan': '规划实施',
  'menu.planDashboard': '规划总览',
  'menu.planIndicators': '指标一览',
  'menu.planEntry': '数据填报',
  'menu.planReview': '数据审核',
  'menu.planEvaluations': '评估',
  'menu.planAssessment': '考核',
  'menu.planProjects': '重点项目',
  'menu.planAdmin': '规划管理',
  'menu.entities': '市场主体',
  'menu.entityOwn': '本企业档案',
  'menu.entityRegistry': '主体名录',
  'menu.entityCredit': '信用风险分类',
  'menu.randomInspection': '双随机监管',
  'menu.inspectionTasks': '抽查任务',
  'menu.myInspections': '我的检查任务',
  'menu.inspectionPublication': '待公示结果',
  'menu.inspectionPlans': '年度抽查计划',
  'menu.inspectionRegisters': '名录库',
  'menu.inspectionItems': '抽查事项清单',
  'menu.trace': '追溯监管',
  'menu.traceQuery': '追溯查询',
  'menu.traceRecall': '召回范围',
  'menu.traceEnterprise': '追溯赋码',
  'menu.traceProducts': '产品与赋码',
  'menu.traceLocations': '登记地点',
  'menu.traceCaptures': '上报记录',
  'menu.traceSubscriptions': '数据订阅',
  'menu.apiKeys': 'API 密钥',
  'menu.sampling': '监督抽查',
  'menu.samplingOwn': '抽检结果',
  'menu.samplingSamples': '样品与检验',
  'menu.samplingPlans': '计划与产品分级',
  'menu.samplingPassRates': '合格率',
  'menu.samplingGrading': '分级分类分色',
  'menu.collapse': '收起菜单',
  'menu.expand': '展开菜单',
  'header.region': '切换区划',
  'header.regionFixed': '所属区划',
  'header.demo': '演示数据',
  'header.demoHint': '当前展示的是演示数据，不代表真实监管数据',
  'header.language': '切换语言',
  'header.userMenu': '用户菜单',
  'user.changePassword': '修改密码',
  'user.logout': '退出登录',
  'user.logoutFailed': '退出失败：{message}',
  'role.city_admin': '市级管理员',
  'role.county_officer': '区县监管人员',
  'role.inspector': '执法检查人员',
  'role.enterprise': '企业用户',
  'login.title': '用户登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.remaining': '还可尝试 {n} 次，连续失败将锁定账户',
  'login.lockedUntil': '账户已锁定，请于 {time} 后再试',
  'login.tip': '请使用市场监督管理局分配的账户登录。',
  'login.publicPlan': '规划实施公开信息',
  'password.title': '修改密码',
  'password.forced': '为了账户安全，首次登录或密码被重置后须先修改密码。',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.required': '请输入密码',
  'password.policy': '至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类，不得包含用户名',
  'password.policyBroken': '密码不符合要求：至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类',
  'password.mismatch': '两次输入的新密码不一致',
  'password.submit': '确认修改',
  'password.cancel': '取消',
  'password.done': '密码已修改',
  'forbidden.title': '无权访问',
  'forbidden.subtitle': '您的角色无权访问此页面，如需权限请联系市级管理员。',
  'notFound.title': '页面不存在',
  'notFound.subtitle': '您访问的页面不存在或已被移除。',
  'common.backHome': '返回首页',
  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.requestId': '请求编号',
  'common.loadFailed': '加载失败',
} as const;

export type MessageKey = keyof typeof zh;
type Dictionary = Record<MessageKey, string>;

const en: Dictionary = {
  'app.name': 'Quality Intelligence Platform',
  'app.subtitle': "Digital platform of Huzhou's 14th Five-Year Quality Development Plan",
  'app.org': 'Huzhou Administration for Market Regulation',
  'app.copyright': 'Operated by Huzhou Administration for Market Regulation',
  'menu.main': 'Main menu',
  'menu.home': 'Home',
  'menu.admin': 'Administration',
  'menu.users': 'Users',
  'menu.audit': 'Audit log',
  'menu.holidayCalendar': 'Statutory holidays',
  'menu.jobs': 'Scheduled jobs',
  'menu.plan': 'Plan implementation',
  'menu.planDashboard': 'Overview',
  'menu.planIndicators': 'Indicators',
  'menu.planEntry': 'Data entry',
  'menu.planReview': 'Data review',
  'menu.planEvaluations': 'Evaluations',
  'menu.planAssessment': 'Assessment',
  'menu.planProjects': 'Key projects',
  'menu.planAdmin': 'Plans',
  'menu.entities': 'Market entities',
  'menu.entityOwn': 'Our registration',
  'menu.entityRegistry': 'Registry',
  'menu.entityCredit': 'Credit-risk classes',
  'menu.randomInspection': 'Random inspections',
  'menu.inspectionTasks': 'Inspection tasks',
  'menu.myInspections': 'My inspections',
  'menu.inspectionPublication': 'Publication queue',
  'menu.inspectionPlans': 'Annual plans',
  'menu.inspectionRegisters': 'Registers',
  'menu.inspectionItems': 'Inspection items',
  'menu.trace': 'Traceability',
  'menu.traceQuery': 'Trace',
  'menu.traceRecall': 'Recall scope',
  'menu.traceEnterprise': 'Traceability',
  'menu.traceProducts': 'Products and codes',
  'menu.traceLocations': 'Locations',
  'menu.traceCaptures': 'Capture jobs',
  'menu.traceSubscriptions': 'Subscriptions',
  'menu.apiKeys': 'API keys',
  'menu.sampling': 'Supervision sampling',
  'menu.samplingOwn': 'Sampling results',
  'menu.samplingSamples': 'Samples and tests',
  'menu.samplingPlans': 'Plans and product grades',
  'menu.samplingPassRates': 'Pass rates',
  'menu.samplingGrading': 'Grading map',
  'menu.collapse': 'Collapse menu',
  'menu.expand': 'Expand menu',
  'header.region': 'Switch region',
  'header.regionFixed': 'Region',
  'header.demo': 'Demo data',
  'header.demoHint': 'The figures shown are demo data, not real supervision data',
  'header.language': 'Language',
  'header.userMenu': 'User menu',
  'user.changePassword': 'Change password',
  'user.logout': 'Sign out',
  'user.logoutFailed': 'Sign-out failed: {message}',
  'role.city_admin': 'City administrator',
  'role.county_officer': 'County officer',
  'role.inspector': 'Inspector',
  'role.enterprise': 'Enterprise user',
  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Please enter your username',
  'login.passwordRequired': 'Please enter your password',
  'login.submit': 'Sign in',
  'login.remaining': '{n} attempts left before the account is locked',
  'login.lockedUntil': 'Account locked; try again after {time}',
  'login.tip': 'Sign in with the account issued by the market regulation bureau.',
  'login.publicPlan': 'Public plan progress',
  'password.title': 'Change password',
  'password.forced': 'For your security, change your password before continuing (first sign-in or reset).',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.required': 'Please enter a password',
  'password.policy': 'At least 8 characters, with 3 of: uppercase, lowercase, digit, symbol; must not contain the username',
  'password.policyBroken': 'Password too weak: at least 8 characters, with 3 of uppercase, lowercase, digit, symbol',
  'password.mismatch': 'The two new passwords do not match',
  'password.submit': 'Change password',
  'password.cancel': 'Cancel',
  'password.done': 'Password changed',
  'forbidden.title': 'Access denied',
  'forbidden.subtitle': 'Your role may not open this page. Ask a city administrator for access.',
  'notFound.title': 'Page not found',
  'notFound.subtitle': 'The page you asked for does not exist or has been removed.',
  'common.backHome': 'Back to home',
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.requestId': 'Request ID',
  'common.loadFailed': 'Failed to load',
};

export type Lang = 'zh' | 'en';
export const dictionaries: Record<Lang, Dictionary> = { zh, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Replaces `{name}` placeholders; unknown placeholders are left as written. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * Server messages are bilingual, "中文 / English" (server/platform/errors.ts): show the half that
 * matches the interface language, or the whole text when it has no such split.
 */
export function pickLanguage(text: string, lang: Lang): string {
  const split = text.indexOf(' / ');
  if (split < 0) return text;
  return lang === 'zh' ? text.slice(0, split) : text.slice(split + 3);
}

const LANG_KEY = 'zl.lang';

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => undefined });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // Private mode may refuse storage; the choice then lasts for this page only.
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return createElement(LangContext.Provider, { value }, children);
}

export const useLang = (): LangState => useContext(LangContext);

export function useT(): Translate {
  const { lang } = useLang();
  return useCallback<Translate>((key, vars) => format(dictionaries[lang][key], vars), [lang]);
}

/** `(text) => the current language's half of a bilingual server message`. */
export function useLocalise(): (text: string) => string {
  const { lang } = useLang();
  return useCallback((text: string) => pickLanguage(text, lang), [lang]);
}
