import { DownloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { CodeLabel } from './CodeLabel';
import { documentText, EVENT_TYPE_LABEL, sourceDestLabel, uomLabel } from './cbv';
import { describeCode, type LocationNames, locationText } from './codes';
import { csvFileName, downloadCsv, eventCsvRows, toCsv } from './csv';
import { actionLabel, type EventObject, type EventRow, ROLE_LABEL } from './events';

interface EventsTableProps {
  rows: readonly EventRow[];
  loading?: boolean;
  /** the code the trace started at: names the CSV file */
  root: string;
  /** registered location names, when known */
  names?: LocationNames;
}

/** One object of an event: its role (投入, 产出 …), its code (left out where the reader knows it) and its quantity. */
export function ObjectLine({ object, withCode = true }: { object: EventObject; withCode?: boolean }) {
  const amount = object.quantity === null ? '' : `${withCode ? ' ' : ''}${object.quantity.toLocaleString('zh-CN')} ${uomLabel(object.uom)}`;
  return (
    <div>
      {object.role === 'epc' ? null : <Typography.Text type="secondary">{ROLE_LABEL[object.role]}：</Typography.Text>}
      {withCode ? <CodeLabel code={object.code} /> : null}
      {amount ? <Typography.Text>{amount}</Typography.Text> : null}
    </div>
  );
}

const byText = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

/** When an event happened, and 已声明有误 (with when and why) once it was declared erroneous. */
export function EventTimeCell({ row }: { row: EventRow }) {
  return (
    <Flex vertical>
      <span>{row.timeText}</span>
      {row.declaredError ? (
        <Tooltip title={`${row.declaredError.time} 声明有误${row.declaredError.reason ? `（${row.declaredError.reason}）` : ''}`}>
          <Tag color="red" style={{ alignSelf: 'flex-start' }}>
            已声明有误
          </Tag>
        </Tooltip>
      ) : null}
    </Flex>
  );
}

/** 关键追溯事件: when, what kind, which step, where, what (codes and quantities), from/to and documents; CSV export. */
export function EventsTable({ rows, loading, root, names }: EventsTableProps) {
  const types = useMemo(() => [...new Set(rows.map((row) => row.type))], [rows]);
  const exportCsv = () => downloadCsv(csvFileName(describeCode(root).compact), toCsv(eventCsvRows(rows, names)));
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          共 {rows.length} 个事件；时间为事件发生地当地时间。导出的 CSV 每个事件、每个对象一行（参照 FSMA 204 可排序电子表格）。
        </Typography.Text>
        <Tooltip title="在浏览器中生成 CSV（UTF-8，可直接用 Excel 打开）">
          <Button icon={<DownloadOutlined />} disabled={rows.length === 0} onClick={exportCsv}>
            导出 CSV
          </Button>
        </Tooltip>
      </Flex>
      <Table<EventRow>
        rowKey="eventID"
        size="small"
        loading={loading}
        dataSource={[...rows]}
        scroll={{ x: 1260 }}
        pagination={{ hideOnSinglePage: true, pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有可查看的事件" /> }}
        columns={[
          {
            title: '时间',
            key: 'time',
            width: 170,
            defaultSortOrder: 'ascend',
            sorter: (a, b) => a.timestamp - b.timestamp,
            render: (_v, row) => <EventTimeCell row={row} />,
          },
          {
            title: '类型',
            key: 'type',
            width: 100,
            sorter: (a, b) => byText(a.typeLabel, b.typeLabel),
            filters: types.map((type) => ({ text: EVENT_TYPE_LABEL[type] ?? type, value: type })),
            onFilter: (value, row) => row.type === value,
            render: (_v, row) => (
              <Flex vertical>
                <span>{row.typeLabel}</span>
                {row.action ? <Typography.Text type="secondary">{actionLabel(row.action)}</Typography.Text> : null}
              </Flex>
            ),
          },
          {
            title: '业务步骤',
            key: 'bizStep',
            width: 100,
            sorter: (a, b) => byText(a.bizStepLabel, b.bizStepLabel),
            render: (_v, row) => (
              <Flex vertical gap={2} align="flex-start">
                <span>{row.bizStepLabel}</span>
                {row.dispositionLabel ? <Tag>{row.dispositionLabel}</Tag> : null}
              </Flex>
            ),
          },
          {
            title: '发生地点',
            key: 'location',
            width: 180,
            sorter: (a, b) => byText(locationText(a.location, names), locationText(b.location, names)),
            render: (_v, row) => (
              <Tooltip title={row.location}>
                <Flex vertical>
                  {row.location && names?.get(row.location) ? <span>{names.get(row.location)}</span> : null}
                  <Typography.Text type={row.location && names?.has(row.location) ? 'secondary' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {locationText(row.location)}
                  </Typography.Text>
                </Flex>
              </Tooltip>
            ),
          },
          {
            title: '对象（追溯码与数量）',
            key: 'what',
            render: (_v, row) =>
              row.objects.length === 0
                ? '—'
                : row.objects.map((object) => <ObjectLine key={`${object.role}|${object.code}|${object.quantity}|${object.uom}`} object={object} />),
          },
          {
            title: '来源 / 去向',
            key: 'fromTo',
            width: 190,
            render: (_v, row) =>
              row.sources.length === 0 && row.destinations.length === 0 ? (
                '—'
              ) : (
                <Flex vertical>
                  {row.sources.map((s) => (
                    <span key={`s-${s.type}-${s.id}`}>
                      来源{sourceDestLabel(s.type)}：{locationText(s.id, names)}
                    </span>
                  ))}
                  {row.destinations.map((d) => (
                    <span key={`d-${d.type}-${d.id}`}>
                      去向{sourceDestLabel(d.type)}：{locationText(d.id, names)}
                    </span>
                  ))}
                </Flex>
              ),
          },
          {
            title: '单据',
            key: 'docs',
            width: 170,
            render: (_v, row) =>
              row.transactions.length === 0 ? (
                '—'
              ) : (
                <Flex vertical>
                  {row.transactions.map((t) => (
                    <Tooltip key={`${t.type}-${t.id}`} title={t.id}>
                      <span style={{ wordBreak: 'break-all' }}>{documentText(t.type, t.id)}</span>
                    </Tooltip>
                  ))}
                </Flex>
              ),
          },
        ]}
      />
    </Flex>
  );
}
