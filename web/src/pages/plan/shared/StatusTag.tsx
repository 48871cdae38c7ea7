import { Tag, Tooltip } from 'antd';
import type { ProgressStatus, ValueStatus } from '../../../api/plan';
import { STATUS_COLOR, STATUS_LABEL, STATUS_ORDER, VALUE_STATUS } from './labels';

/** A progress status in its colour. */
export function StatusTag({ status, hint }: { status: ProgressStatus; hint?: string }) {
  const tag = (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {STATUS_LABEL[status]}
    </Tag>
  );
  return hint ? <Tooltip title={hint}>{tag}</Tooltip> : tag;
}

export function ValueStatusTag({ status }: { status: ValueStatus }) {
  return (
    <Tag color={VALUE_STATUS[status].color} style={{ marginInlineEnd: 0 }}>
      {VALUE_STATUS[status].text}
    </Tag>
  );
}

/** Every status with its colour, for pages without a chart legend. */
export function StatusLegend() {
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 8 }}>
      {STATUS_ORDER.map((status) => (
        <StatusTag key={status} status={status} />
      ))}
    </span>
  );
}

export const STATUS_FILTERS = STATUS_ORDER.map((status) => ({ text: STATUS_LABEL[status], value: status }));
