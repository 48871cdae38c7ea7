import { Tag, Tooltip } from 'antd';
import type { PublicationInfo, ResultCategory, TaskKind, TaskStatus } from '../../api/inspections';
import {
  deadlineText,
  PUBLICATION_COLOR,
  PUBLICATION_STATE_LABELS,
  RESULT_CATEGORY_LABELS,
  RESULT_COLOR,
  TASK_KIND_LABELS,
  TASK_STATUS_COLOR,
  TASK_STATUS_LABELS,
} from './labels';

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  return <Tag color={TASK_STATUS_COLOR[status]}>{TASK_STATUS_LABELS[status]}</Tag>;
}

/** 双随机 / 非随机: complaint- or clue-triggered inspections are labelled as such everywhere. */
export function KindTag({ kind }: { kind: TaskKind }) {
  return kind === 'random' ? (
    <Tag color="blue">{TASK_KIND_LABELS.random}</Tag>
  ) : (
    <Tooltip title="因投诉举报、线索或转办而开展，未经随机抽取">
      <Tag color="magenta">{TASK_KIND_LABELS.non_random}</Tag>
    </Tooltip>
  );
}

export function ResultTag({ category }: { category: ResultCategory | null }) {
  if (!category) return <Tag>待录入</Tag>;
  return <Tag color={RESULT_COLOR[category]}>{RESULT_CATEGORY_LABELS[category]}</Tag>;
}

/** The publication deadline with its state (期限内 / 即将到期 / 已逾期 / 无法计算期限). */
export function PublicationTag({ publication }: { publication: PublicationInfo | null }) {
  if (!publication) return <span>—</span>;
  const tag = (
    <Tag color={PUBLICATION_COLOR[publication.state]} style={{ marginInlineEnd: 6 }}>
      {PUBLICATION_STATE_LABELS[publication.state]}
    </Tag>
  );
  return (
    <span>
      {publication.error ? <Tooltip title={publication.error}>{tag}</Tooltip> : tag}
      {deadlineText(publication)}
    </span>
  );
}
