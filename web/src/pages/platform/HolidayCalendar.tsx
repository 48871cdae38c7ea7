import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Input, Modal, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import {
  type CalendarYearSummary,
  publishYear,
  unpublishYear,
  useCalendarMutation,
  useCalendarYear,
  useCalendarYears,
  useCoverage,
  useYearDays,
} from '../../api/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useLocalise } from '../../i18n';
import { shanghaiTime } from '../../lib/time';
import { marksFromDays, marksFromEntry } from './calendar/month-grid';
import { YearFormDrawer } from './calendar/YearFormDrawer';
import { YearGrid } from './calendar/YearGrid';

const PAGE_SIZE = 20;
const dash = <Typography.Text type="secondary">—</Typography.Text>;

function StatusTag({ row }: { row: CalendarYearSummary }) {
  if (row.source === 'package') return <Tag color="green">已生效</Tag>;
  if (row.inEffect) return <Tag color="green">已发布 · 已生效</Tag>;
  if (row.status === 'published') return <Tag color="orange">已发布 · 未生效（前一年未覆盖）</Tag>;
  return <Tag>草稿</Tag>;
}

/** The month view of a year: a covered year from the server's day list, a draft from its own entry. */
function YearView({ row, onClose }: { row: CalendarYearSummary; onClose: () => void }) {
  const covered = row.inEffect;
  const days = useYearDays(covered ? row.year : null);
  const draft = useCalendarYear(covered ? null : row.year);
  const query = covered ? days : draft;
  const marks = covered
    ? days.data
      ? marksFromDays(days.data.days)
      : null
    : draft.data
      ? marksFromEntry(draft.data.holidays, draft.data.makeupWorkdays)
      : null;
  return (
    <Modal open title={`${row.year} 年法定节假日安排${covered ? '' : '（草稿预览，未生效）'}`} width={1040} footer={null} onCancel={onClose} destroyOnHidden>
      {query.isError ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : marks ? (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            来源：{row.source === 'package' ? 'chinese-days 数据包' : `${row.noticeNumber ?? ''}《${row.noticeTitle ?? ''}》`}
          </Typography.Text>
          <YearGrid year={row.year} marks={marks} />
        </Flex>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}

/**
 * 法定节假日安排 (city administrators): which years the statutory working-day calendar covers and from where — the
 * chinese-days package, or a State Council notice entered here — and the entry, check and publication of the next
 * year's notice, so that deadlines counted in 工作日 (双随机结果公示 20 个工作日, 复检期限 …) reach into that year.
 */
export default function HolidayCalendarPage() {
  const { message, modal } = App.useApp();
  const localise = useLocalise();
  const [page, setPage] = useState(1);
  const coverage = useCoverage();
  const years = useCalendarYears({ page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<number | null>(null);
  const [viewing, setViewing] = useState<CalendarYearSummary | null>(null);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  // Only an entered year is fetched; the next year (the list's first row, newest first) may not be entered yet.
  const entered = editing !== null && (years.data?.items.some((y) => y.year === editing && y.source === 'notice') ?? false);
  const editingYear = useCalendarYear(entered ? editing : null);
  const publish = useCalendarMutation((year: number) => publishYear(year));
  const unpublish = useCalendarMutation((input: { year: number; reason: string }) => unpublishYear(input.year, input.reason));

  const notEntered = years.isSuccess && !entered;
  const nextYear = coverage.data ? coverage.data.lastYear + 1 : null;
  const lastNoticeYear = coverage.data?.years.filter((y) => y.source === 'notice').at(-1)?.year ?? null;
  const nextDraft = years.data?.items.find((y) => y.year === nextYear && y.status === 'draft') ?? null;

  const confirmPublish = (row: CalendarYearSummary) =>
    modal.confirm({
      title: `发布 ${row.year} 年法定节假日安排？`,
      content: (
        <Flex vertical gap={8}>
          <span>
            依据：{row.noticeNumber}《{row.noticeTitle}》
          </span>
          <span>发布后，平台所有按工作日计算的期限（双随机抽查结果公示、复检申请期限等）将按此安排计入 {row.year} 年，立即生效。</span>
          <Typography.Text strong>请确认已与通知原文逐日核对放假和调休上班日期。</Typography.Text>
        </Flex>
      ),
      okText: '确认发布',
      cancelText: '取消',
      onOk: () =>
        publish.mutateAsync(row.year).then(
          () => void message.success(`${row.year} 年安排已发布，工作日期限已可计算至 ${row.year} 年底`),
          (error: Error) => void message.error(`发布失败：${localise(error.message)}`),
        ),
    });

  const columns: ColumnsType<CalendarYearSummary> = [
    { title: '年度', dataIndex: 'year', key: 'year', width: 90, render: (year: number) => <Typography.Text strong>{year}</Typography.Text> },
    {
      title: '数据来源',
      key: 'source',
      width: 260,
      render: (_v, row) => (row.source === 'package' ? <Tag>chinese-days 数据包</Tag> : <Tag color="blue">{row.noticeNumber}</Tag>),
    },
    { title: '状态', key: 'status', width: 230, render: (_v, row) => <StatusTag row={row} /> },
    { title: '通知', dataIndex: 'noticeTitle', key: 'noticeTitle', ellipsis: true, render: (title: string | null) => title ?? dash },
    {
      title: '发布时间',
      dataIndex: 'publishedAt',
      key: 'publishedAt',
      width: 150,
      render: (at: string | null) => (at ? shanghaiTime(at) : dash),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_v, row) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => setViewing(row)}>
            查看
          </Button>
          {row.status === 'draft' ? (
            <>
              <Button type="link" size="small" onClick={() => setEditing(row.year)}>
                修改
              </Button>
              <Button type="link" size="small" disabled={row.year !== nextYear} onClick={() => confirmPublish(row)}>
                发布
              </Button>
            </>
          ) : null}
          {row.source === 'notice' && row.inEffect && row.year === lastNoticeYear ? (
            <Button type="link" size="small" danger onClick={() => setWithdrawing(row.year)}>
              撤回
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Card>
      <Flex vertical gap={16}>
        <PageHeading
          title="法定节假日安排"
          action={
            nextYear !== null ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(nextYear)}>
                {nextDraft ? `修改 ${nextYear} 年草稿` : `录入 ${nextYear} 年安排`}
              </Button>
            ) : null
          }
        >
          按工作日计算的期限以国务院办公厅每年发布的节假日安排为准。数据包尚未收录下一年度时，由市局管理员照通知原文录入并发布；日历不猜测未覆盖年份的工作日。
        </PageHeading>
        {coverage.isError ? <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} /> : null}
        {coverage.data ? (
          <Alert
            type="info"
            showIcon
            title={`工作日历当前覆盖 ${coverage.data.firstYear}–${coverage.data.lastYear} 年`}
            description={`${coverage.data.package.name} 数据包 ${coverage.data.package.version} 收录至 ${coverage.data.package.lastYear} 年${
              coverage.data.lastYear > coverage.data.package.lastYear
                ? `，${coverage.data.package.lastYear + 1}–${coverage.data.lastYear} 年为本页发布的通知`
                : ''
            }。截止日期落在 ${coverage.data.lastYear} 年以后的期限暂无法计算，待录入并发布 ${coverage.data.lastYear + 1} 年安排后自动得出。`}
          />
        ) : null}
        {years.isError ? (
          <ErrorAlert error={years.error} onRetry={() => void years.refetch()} />
        ) : (
          <Table<CalendarYearSummary>
            rowKey="year"
            size="middle"
            loading={years.isFetching}
            columns={columns}
            dataSource={years.data?.items ?? []}
            locale={{ emptyText: <Empty description="暂无年份" /> }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: years.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          />
        )}
      </Flex>

      {editing !== null && editingYear.isError ? <ErrorAlert error={editingYear.error} onRetry={() => void editingYear.refetch()} /> : null}
      {editing !== null && (editingYear.data || notEntered) ? (
        <YearFormDrawer year={editing} existing={editingYear.data ?? null} onClose={() => setEditing(null)} />
      ) : null}
      {viewing ? <YearView row={viewing} onClose={() => setViewing(null)} /> : null}
      <Modal
        open={withdrawing !== null}
        title={`撤回 ${withdrawing ?? ''} 年安排？`}
        okText="撤回"
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: unpublish.isPending }}
        cancelText="取消"
        onCancel={() => setWithdrawing(null)}
        destroyOnHidden
        afterClose={() => setReason('')}
        onOk={() =>
          withdrawing !== null &&
          unpublish.mutate(
            { year: withdrawing, reason },
            {
              onSuccess: () => {
                message.success(`${withdrawing} 年安排已撤回为草稿`);
                setWithdrawing(null);
              },
              onError: (error) => message.error(`撤回失败：${localise(error.message)}`),
            },
          )
        }
      >
        <Flex vertical gap={8}>
          <Typography.Text>
            撤回后该年不再计入工作日历，跨入该年的期限将重新显示为“无法计算”。已保存的期限（如已结束任务的公示期限）不会重新计算。
          </Typography.Text>
          <Input.TextArea
            aria-label="撤回理由"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="撤回理由（必填，记入审计日志）"
          />
        </Flex>
      </Modal>
    </Card>
  );
}
