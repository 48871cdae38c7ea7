import { Alert } from 'antd';

/**
 * The trace walk crosses regions, the event query does not: a county officer or inspector reads only the
 * events of their own region (server/modules/trace/query/index.ts), so some events may be withheld.
 */
export function ScopeNote({ expected, shown }: { expected: number; shown: number }) {
  const hidden = expected - shown;
  if (hidden <= 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={`另有 ${hidden} 个事件不在您的数据查看范围内，未列出`}
      description="追溯链跨越辖区时，区县和执法账户只能查看本辖区的事件详情：追溯码仍完整列出，但图中缺少这些事件对应的连线。如需查看全部事件，请联系市局。"
    />
  );
}
