import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useRecentEvents } from '../../../api/trace';
import { CodeLabel } from './CodeLabel';
import { bizStepLabel, formatEventTime } from './cbv';
import { recentCodes } from './recent';

interface RecentCodesProps {
  /** Shown above the list, or alone when nothing has been reported yet. */
  emptyText: string;
  onPick: (code: string) => void;
}

/**
 * Before anything is typed: the batches, items and pallets most recently reported within the caller's region, each a
 * click away from its trace — a regulator opening the page sees where to start, and what the region's enterprises
 * are reporting.
 */
export function RecentCodes({ emptyText, onPick }: RecentCodesProps) {
  const events = useRecentEvents();
  const codes = useMemo(() => (events.data ? recentCodes(events.data) : []), [events.data]);
  return (
    <Card>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{emptyText}</Typography.Text>
        {events.isPending ? <Skeleton active paragraph={{ rows: 3 }} title={false} /> : null}
        {events.isError ? <Typography.Text type="secondary">最近上报的追溯码暂时无法加载。</Typography.Text> : null}
        {events.data && codes.length === 0 ? <Empty description="本辖区还没有上报追溯数据" /> : null}
        {codes.length > 0 ? (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              本辖区最近上报的追溯码
            </Typography.Title>
            <Flex vertical gap={4}>
              {codes.map((c) => (
                <Flex key={c.code} gap={12} align="center" wrap>
                  <Button type="link" size="small" onClick={() => onPick(c.code)} style={{ paddingInline: 0 }} aria-label={`从 ${c.code} 开始`}>
                    <CodeLabel code={c.code} />
                  </Button>
                  <Typography.Text type="secondary">
                    {bizStepLabel(c.bizStep)} · {formatEventTime(c.eventTime, c.eventTimeZoneOffset)}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
