/** Names of the audit actions the platform writes (server/modules/platform); unknown ones show their code. */
export const ACTION_LABEL: Record<string, string> = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.account_locked': '账户锁定',
  'auth.login_refused': '拒绝登录',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.unlock': '解锁用户',
  'user.password_reset': '重置密码',
  'platform.job.run': '立即运行定时任务',
};

export const ENTITY_TYPE_LABEL: Record<string, string> = {
  user: '用户',
  platform_job_run: '定时任务',
};

const FAILURE_ACTIONS = new Set(['auth.login_failed', 'auth.account_locked', 'auth.login_refused']);

export function actionColor(action: string): string {
  if (FAILURE_ACTIONS.has(action)) return 'red';
  if (action.startsWith('auth.')) return 'blue';
  return 'geekblue';
}

export const labelled = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
