import { Card, Empty, Flex, Pagination, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { type EntityDetail, type EntityEvent, useEntityEvents } from '../../../api/entities';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ENTITY_EVENT_KIND_LABELS, EVENT_COLORS, SOURCE_MODULE_LABELS } from '../labels';

const PAGE_SIZE = 50;

function EventContent({ event }: { event: EntityEvent }) {
  return (
    <Flex vertical gap={2} style={{ paddingBottom: 4 }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{event.occurredOn}</Typography.Text>
        <Tag color={EVENT_COLORS[event.kind] === 'gray' ? 'default' : EVENT_COLORS[event.kind]} style={{ marginInlineEnd: 0 }}>
          {ENTITY_EVENT_KIND_LABELS[event.kind]}
        </Tag>
      </Flex>
      <Typography.Text>{event.summary}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        来源：{SOURCE_MODULE_LABELS[event.sourceModule] ?? event.sourceModule}
        {event.reference && event.sourceModule !== 'entities' ? ` · 编号 ${event.reference}` : ''}
        {event.recordedBy ? ` · 记录人 ${event.recordedBy}` : ''}
      </Typography.Text>
    </Flex>
  );
}

/** 主体时间轴: newest first; the first page comes with the detail, later pages from /entities/{id}/events. */
export function EntityTimeline({ entity }: { entity: EntityDetail }) {
  const [page, setPage] = useState(1);
  const more = useEntityEvents(entity.id, page, PAGE_SIZE, page > 1);
  const events = page === 1 ? entity.events : (more.data?.items ?? []);
  return (
    <Card title={`时间轴（${entity.eventTotal} 条）`} styles={{ body: { paddingTop: 20 } }}>
      {page > 1 && more.isError ? <ErrorAlert error={more.error} title="时间轴加载失败" onRetry={() => void more.refetch()} /> : null}
      {page > 1 && more.isPending ? (
        <Skeleton active />
      ) : events.length === 0 ? (
        <Empty description="暂无记录" />
      ) : (
        <Timeline items={events.map((event) => ({ key: event.id, color: EVENT_COLORS[event.kind], content: <EventContent event={event} /> }))} />
      )}
      {entity.eventTotal > PAGE_SIZE ? (
        <Flex justify="center">
          <Pagination size="small" simple current={page} pageSize={PAGE_SIZE} total={entity.eventTotal} onChange={setPage} />
        </Flex>
      ) : null}
    </Card>
  );
}
