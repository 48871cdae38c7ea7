import { DownloadOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type Plan, planFiles, submitValue, submitValues, useAllValues, useIndicators, usePlanMutation, useProgress } from '../../api/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { useMeUser } from '../../session';
import { buildEntryColumns, type EntryRow } from './entry/columns';
import { EntryForm } from './entry/EntryForm';
import { HistoryDrawer } from './entry/HistoryDrawer';
import { ImportModal } from './entry/ImportModal';
import { PlanFrame } from './shared/PlanFrame';
import { ReasonModal } from './shared/ReasonModal';
import { regionName } from './shared/regions';
import { usePlanRegion } from './shared/use-plan-region';
import { cellsByIndicator, isSubmittable } from './shared/values';

function EntryBody({ plan, year }: { plan: Plan; year: number }) {
  const me = useMeUser();
  const { message } = App.useApp();
  const localise = useLocalise();
  const { regionCode: headerRegion, regions } = usePlanRegion();
  const cityAdmin = me.role === 'city_admin';
  const [chosenRegion, setChosenRegion] = useState<string | null>(null);
  const regionCode = cityAdmin ? (chosenRegion ?? headerRegion) : me.regionCode;

  const indicators = useIndicators(plan.id);
  const values = useAllValues(plan.id, { year, regionCode });
  const progress = useProgress(plan.id, year, regionCode);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [correcting, setCorrecting] = useState<EntryRow | null>(null);
  const [corrections, setCorrections] = useState<Record<string, string>>({});
  const [historyOf, setHistoryOf] = useState<EntryRow | null>(null);
  const [importing, setImporting] = useState(false);

  const submitOne = usePlanMutation(submitValue);
  const submitAll = usePlanMutation(submitValues);

  const rows = useMemo<EntryRow[]>(() => {
    const cells = cellsByIndicator(values.data ?? []);
    const byIndicator = new Map((progress.data ?? []).map((item) => [item.indicatorId, item]));
    return (indicators.data ?? []).map((indicator) => ({ indicator, cell: cells.get(indicator.id), progress: byIndicator.get(indicator.id) }));
  }, [indicators.data, values.data, progress.data]);

  const pending = rows.filter((row) => row.cell && isSubmittable(row.cell.current.status)).map((row) => row.cell?.current.id ?? '');
  const counts = rows.reduce<Record<string, number>>((acc, row) => {
    const key = row.cell?.current.status ?? 'empty';
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

  const open = (id: string) => setExpanded((keys) => (keys.includes(id) ? keys : [...keys, id]));
  const close = (id: string) => {
    setExpanded((keys) => keys.filter((key) => key !== id));
    setCorrections(({ [id]: _done, ...rest }) => rest);
  };

  const columns = buildEntryColumns({
    edit: (row) => open(row.indicator.id),
    submit: (row) => {
      const id = row.cell?.current.id;
      if (!id) return;
      submitOne.mutate(id, {
        onSuccess: () => message.success(`已提交：${row.indicator.name}`),
        onError: (error) => message.error(`提交失败：${localise(error.message)}`),
      });
    },
    correct: setCorrecting,
    history: setHistoryOf,
    submittingId: submitOne.isPending ? (submitOne.variables ?? null) : null,
  });

  const error = indicators.error ?? values.error ?? progress.error;

  return (
    <Card>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Flex gap={8} align="center" wrap>
            {cityAdmin ? (
              <Select
                aria-label="填报区划"
                style={{ width: 140 }}
                value={regionCode}
                onChange={(code) => {
                  setChosenRegion(code);
                  setExpanded([]);
                }}
                options={regions.map((region) => ({ value: region.code, label: region.name }))}
              />
            ) : (
              <Tag color="blue">{regionName(regionCode, regions)}</Tag>
            )}
            <Typography.Text type="secondary">
              {year}年 · 已填 {rows.length - (counts.empty ?? 0)}/{rows.length} · 草稿 {counts.draft ?? 0} · 待审核 {counts.submitted ?? 0} · 已退回{' '}
              {counts.returned ?? 0} · 已审定 {counts.approved ?? 0}
            </Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} href={planFiles.valuesTemplate(plan.id, year, regionCode)} download>
              下载模板
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入Excel
            </Button>
            <Popconfirm
              title={`提交全部 ${pending.length} 项草稿/退回数据？`}
              description="提交后等待市局审核，审核前不能再修改。"
              okText="全部提交"
              cancelText="取消"
              disabled={pending.length === 0}
              onConfirm={() =>
                submitAll.mutate(pending, {
                  onSuccess: (done) => message.success(`已提交 ${done.length} 项`),
                  onError: (failure) => message.error(`批量提交失败（未提交任何数据）：${localise(failure.message)}`),
                })
              }
            >
              <Button type="primary" icon={<SendOutlined />} disabled={pending.length === 0} loading={submitAll.isPending}>
                全部提交{pending.length > 0 ? `（${pending.length}）` : ''}
              </Button>
            </Popconfirm>
          </Flex>
        </Flex>
        {error ? <ErrorAlert error={error} title="填报数据加载失败" onRetry={() => void values.refetch()} /> : null}
        <Table<EntryRow>
          rowKey={(row) => row.indicator.id}
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={indicators.isFetching || values.isFetching}
          scroll={{ x: 1000 }}
          pagination={false}
          locale={{ emptyText: <Empty description={error ? '加载失败' : '该规划暂无指标'} /> }}
          expandable={{
            expandedRowKeys: expanded,
            showExpandColumn: false,
            rowExpandable: () => true,
            expandedRowRender: (row) => (
              <EntryForm
                key={`${row.cell?.current.id ?? 'new'}:${corrections[row.indicator.id] ?? ''}`}
                planId={plan.id}
                indicator={row.indicator}
                regionCode={regionCode}
                year={year}
                cell={row.cell}
                correctionReason={corrections[row.indicator.id] ?? null}
                onDone={() => close(row.indicator.id)}
              />
            ),
          }}
        />
      </Flex>
      <ReasonModal
        open={correcting !== null}
        title={`更正已审定数值：${correcting?.indicator.name ?? ''}`}
        description="已审定的数值不会被覆盖：更正将生成新版本，经市局审核通过后替换原值。"
        label="更正原因"
        okText="开始更正"
        onCancel={() => setCorrecting(null)}
        onOk={(reason) => {
          if (!correcting) return;
          const id = correcting.indicator.id;
          setCorrections((current) => ({ ...current, [id]: reason }));
          open(id);
          setCorrecting(null);
        }}
      />
      <HistoryDrawer valueId={historyOf?.cell?.current.id ?? null} title={historyOf?.indicator.name ?? ''} onClose={() => setHistoryOf(null)} />
      <ImportModal
        planId={plan.id}
        year={year}
        regionCode={regionCode}
        regionName={regionName(regionCode, regions)}
        open={importing}
        onClose={() => setImporting(false)}
      />
    </Card>
  );
}

export default function PlanEntry() {
  return (
    <PlanFrame title="数据填报" description="按年度填报各指标数值：保存草稿 → 提交 → 市局审核；审定后的数值锁定，如需修改请“更正”">
      {(plan, year) => <EntryBody plan={plan} year={year} />}
    </PlanFrame>
  );
}
