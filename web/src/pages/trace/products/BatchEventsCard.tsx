import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useBatchEvents, useLocationNames } from '../../../api/trace';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { type DeclaredEvent, DeclareErrorModal } from '../captures/DeclareErrorModal';
import { canonicalCode, locationText } from '../shared/codes';
import { EventTimeCell, ObjectLine } from '../shared/EventsTable';
import { type EventRow, toEventRows } from '../shared/events';

interface BatchEventsCardProps {
  lot: string;
  /** the identifier the batch's events use (its lot-level Digital Link) */
  identifier: string;
  /** whether the caller may capture, and so declare its events erroneous */
  mayDeclare: boolean;
  /** after a declaration of incorrect data: record the corrected event */
  onRecordCorrection: () => void;
}

/**
 * 批次事件记录: the events naming a batch that the caller may read (an enterprise: its own), oldest first, each with
 * where and how much; an event recorded wrongly can be declared erroneous (DeclareErrorModal).
 */
export function BatchEventsCard({ lot, identifier, mayDeclare, onRecordCorrection }: BatchEventsCardProps) {
  const events = useBatchEvents(identifier);
  const names = useLocationNames();
  const [target, setTarget] = useState<DeclaredEvent | null>(null);
  const batch = canonicalCode(identifier);
  const { rows, originals } = useMemo(() => {
    const list = events.data?.events ?? [];
    return {
      rows: toEventRows(list),
      originals: new Map(list.filter((e) => !e.errorDeclaration && e.eventID).map((e) => [e.eventID as string, e])),
    };
  }, [events.data]);

  return (
    <Card size="small" title={`批次 ${lot} 的事件记录`} aria-label={`批次 ${lot} 的事件记录`}>
      {events.isError ? (
        <ErrorAlert error={events.error} title="事件记录加载失败" onRetry={() => void events.refetch()} />
      ) : (
        <Table<EventRow>
          rowKey="eventID"
          size="small"
          loading={events.isFetching}
          dataSource={rows}
          pagination={{ hideOnSinglePage: true, pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该批次还没有可查看的事件记录" /> }}
          columns={[
            {
              title: '时间',
              key: 'time',
              width: 150,
              render: (_v, row) => <EventTimeCell row={row} />,
            },
            {
              title: '业务步骤',
              key: 'step',
              width: 110,
              render: (_v, row) => (
                <Flex vertical>
                  <span>{row.bizStepLabel}</span>
                  {row.dispositionLabel ? <Typography.Text type="secondary">{row.dispositionLabel}</Typography.Text> : null}
                </Flex>
              ),
            },
            { title: '地点', key: 'where', render: (_v, row) => locationText(row.location, names.data) },
            {
              title: '数量',
              key: 'objects',
              width: 190,
              render: (_v, row) => {
                // This batch's own quantity first; other codes (inputs of a transformation, its pallet) as labels.
                const own = row.objects.filter((o) => o.code === batch);
                const shown = own.length > 0 ? own : row.objects;
                return shown.map((o) => <ObjectLine key={`${o.role}|${o.code}`} object={o} withCode={own.length === 0} />);
              },
            },
            ...(mayDeclare
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 96,
                    render: (_v: unknown, row: EventRow) => {
                      const event = originals.get(row.eventID);
                      if (row.declaredError || !event) return null;
                      return (
                        <Button
                          type="link"
                          size="small"
                          danger
                          aria-label={`声明 ${row.timeText} 的${row.bizStepLabel}事件有误`}
                          onClick={() => setTarget({ event, context: events.data?.context, row })}
                        >
                          声明有误
                        </Button>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      )}
      <DeclareErrorModal
        target={target}
        names={names.data}
        onClose={() => setTarget(null)}
        onDeclared={(reason) => {
          setTarget(null);
          if (reason === 'incorrect_data') onRecordCorrection();
        }}
      />
    </Card>
  );
}
