/**
 * Chinese names of the inspections module's codes. Shared on purpose: the web shows them and the server
 * writes them into entity timeline summaries ("“双随机、一公开”抽查：未发现问题").
 */

import type { RegionRule } from './draw/types.ts';
import type { ItemKind, PublicationState, RecusalStatus, ResultCategory, TaskKind, TaskStatus } from './inspection-api.ts';

export const ITEM_KIND_LABELS: Record<ItemKind, string> = { general: '一般检查事项', key: '重点检查事项' };

export const TASK_KIND_LABELS: Record<TaskKind, string> = { random: '双随机', non_random: '非随机' };

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  draft: '草稿',
  frozen: '名录已冻结',
  committed: '已发布承诺',
  drawn: '已摇号',
  in_progress: '检查中',
  finished: '检查结束',
  published: '已公示',
};

export const RESULT_CATEGORY_LABELS: Record<ResultCategory, string> = {
  no_problem: '未发现问题',
  rectified: '发现问题已责令改正',
  unqualified: '不合格',
  not_publicised: '未按规定公示应当公示的信息',
  false_publicity: '公示信息隐瞒真实情况、弄虚作假',
  unreachable: '通过登记的住所（经营场所）无法联系',
  pending_follow_up: '发现问题待后续处理',
  no_activity: '未发现开展本次抽查涉及的经营活动',
  uncooperative: '不配合检查情节严重',
  other: '其他',
};

export const RECUSAL_STATUS_LABELS: Record<RecusalStatus, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回' };

export const REGION_RULE_LABELS: Record<RegionRule, string> = {
  none: '不限',
  county: '不抽本区县人员（交叉检查）',
  township: '不抽本乡镇（街道）人员',
};

export const PUBLICATION_STATE_LABELS: Record<PublicationState, string> = {
  ok: '期限内',
  warning: '即将到期',
  overdue: '已逾期',
  unknown: '无法计算期限',
  published: '已公示',
};

/** The entity timeline line for a published result (kind 'inspection'), naming the task it came from. */
export function inspectionEventSummary(kind: TaskKind, taskName: string, category: ResultCategory): string {
  return `${kind === 'random' ? '“双随机、一公开”抽查' : '非随机检查'}（${taskName}）：${RESULT_CATEGORY_LABELS[category]}`.slice(0, 500);
}
