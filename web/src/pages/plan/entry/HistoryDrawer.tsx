import { Alert, Drawer, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { type IndicatorValue, planFiles, useValueHistory } from '../../../api/plan';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { shanghaiTime } from '../../../lib/time';
import { formatValue } from '../shared/format';
import { ValueStatusTag } from '../shared/StatusTag';

const time = shanghaiTime;

const TIMELINE_COLOR: Record<IndicatorValue['status'], string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'red',
  approved: 'green',
  superseded: 'gray',
};

function Version({ value }: { value: IndicatorValue }) {
  return (
    <Flex vertical gap={2}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>第 {value.version} 版</Typography.Text>
        <Typography.Text>{formatValue(value.value, value.unit)}</Typography.Text>
        <ValueStatusTag status={value.status} />
      </Flex>
      {value.numerator !== null && value.denominator !== null ? (
        <Typography.Text type="secondary">
          分子 {value.numerator} / 分母 {value.denominator}
        </Typography.Text>
      ) : null}
      {value.sourceNote ? <Typography.Text type="secondary">来源：{value.sourceNote}</Typography.Text> : null}
      {value.attachment ? (
        <a href={planFiles.attachment(value.attachment.id)} target="_blank" rel="noreferrer">
          附件：{value.attachment.fileName}
        </a>
      ) : null}
      {value.correctionReason ? <Typography.Text>更正原因：{value.correctionReason}</Typography.Text> : null}
      {value.returnReason ? <Typography.Text type="danger">退回原因：{value.returnReason}</Typography.Text> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {value.createdBy ?? '—'} 创建于 {time(value.createdAt)}
        {value.submittedAt ? ` · 报送 ${time(value.submittedAt)}` : ''}
        {value.reviewedAt ? ` · ${value.reviewedBy ?? ''} ${value.status === 'returned' ? '退回' : '审核'}于 ${time(value.reviewedAt)}` : ''}
      </Typography.Text>
    </Flex>
  );
}

/** Every version of one cell, oldest first (GET /values/:id/history). */
export function HistoryDrawer({ valueId, title, onClose }: { valueId: string | null; title: string; onClose: () => void }) {
  const history = useValueHistory(valueId);
  return (
    <Drawer open={valueId !== null} title={`填报历史 · ${title}`} size={480} onClose={onClose} destroyOnHidden>
      {history.isPending ? <Skeleton active /> : null}
      {history.isError ? <ErrorAlert error={history.error} title="历史加载失败" onRetry={() => void history.refetch()} /> : null}
      {history.data && history.data.length === 0 ? <Empty description="暂无历史版本" /> : null}
      {history.data && history.data.length > 0 ? (
        <>
          <Alert type="info" showIcon title="已审定的数值不可修改，更正会生成新版本，旧版本保留备查。" style={{ marginBottom: 16 }} />
          <Timeline items={history.data.map((value) => ({ key: value.id, color: TIMELINE_COLOR[value.status], content: <Version value={value} /> }))} />
        </>
      ) : null}
    </Drawer>
  );
}
