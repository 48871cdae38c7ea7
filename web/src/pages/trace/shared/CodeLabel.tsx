import { Tag, Tooltip, Typography } from 'antd';
import { KIND_COLOR } from '../../../charts/trace-kinds';
import { describeCode } from './codes';

/** A code as a kind tag and its short form; the full identifier in the tooltip. */
export function CodeLabel({ code, strong = false }: { code: string; strong?: boolean }) {
  const info = describeCode(code);
  return (
    <Tooltip title={info.code}>
      <span style={{ whiteSpace: 'nowrap' }}>
        <Tag color={KIND_COLOR[info.kind]} style={{ marginInlineEnd: 4 }}>
          {info.kindLabel}
        </Tag>
        <Typography.Text strong={strong}>{info.compact}</Typography.Text>
      </span>
    </Tooltip>
  );
}
