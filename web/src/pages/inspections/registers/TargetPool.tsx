import { Alert, Empty, Flex, Select, Statistic, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { RISK_CLASSES } from '../../../../../common/draw/types.ts';
import { ENTITY_STATUS_LABELS, SPECIAL_LIST_LABELS } from '../../../../../common/entity-labels.ts';
import { INDUSTRY_SECTIONS, industryLabel } from '../../../../../common/industry.ts';
import { SPECIAL_LISTS } from '../../../api/entities';
import { useTargetPool } from '../../../api/inspections';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { scopeTree, toTreeSelectData } from '../../../lib/regions';
import { useRegion } from '../../../region-context';

const industryOptions = INDUSTRY_SECTIONS.map((s) => ({
  label: `${s.code} ${s.name}`,
  options: [{ value: s.code, label: `${s.code} ${s.name}（整个门类）` }, ...s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))],
}));

/**
 * 检查对象名录库: the registered entities a task scope would draw from (存续/在业 by default), with the pool size per
 * credit-risk class — internal, for planning the ratios — and those still without a class.
 */
export function TargetPool() {
  const { regionCode, tree } = useRegion();
  const [townships, setTownships] = useState<string[]>([]);
  const [industries, setIndustries] = useState<string[]>([]);
  const [specialLists, setSpecialLists] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const within = useMemo(() => (tree ? toTreeSelectData(scopeTree(tree, regionCode)) : []), [tree, regionCode]);
  const pool = useTargetPool({ regionCode, regionCodes: townships, industries, specialLists, page, pageSize: 20 });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <TreeSelect
          multiple
          treeCheckable
          showCheckedStrategy="SHOW_PARENT"
          treeData={within}
          placeholder="区域：全部"
          style={{ minWidth: 240 }}
          value={townships}
          onChange={(v: string[]) => {
            setTownships(v);
            setPage(1);
          }}
          maxTagCount={2}
        />
        <Select
          mode="multiple"
          placeholder="行业：全部"
          style={{ minWidth: 240 }}
          options={industryOptions}
          optionFilterProp="label"
          value={industries}
          onChange={(v) => {
            setIndustries(v);
            setPage(1);
          }}
          maxTagCount={2}
        />
        <Select
          mode="multiple"
          placeholder="专项库：不限"
          style={{ minWidth: 200 }}
          options={SPECIAL_LISTS.map((s) => ({ value: s, label: SPECIAL_LIST_LABELS[s] }))}
          value={specialLists}
          onChange={(v) => {
            setSpecialLists(v);
            setPage(1);
          }}
        />
      </Flex>
      {pool.isError ? <ErrorAlert error={pool.error} onRetry={() => void pool.refetch()} /> : null}
      {pool.data ? (
        <Flex gap={32} wrap>
          <Statistic title="名录内主体（存续、在业）" value={pool.data.total} suffix="户" />
          {RISK_CLASSES.map((c) => (
            <Statistic key={c} title={`${c} 类`} value={pool.data.byClass[c]} />
          ))}
          <Statistic title="尚未分类" value={pool.data.unclassified} valueStyle={pool.data.unclassified > 0 ? { color: '#d46b08' } : undefined} />
        </Flex>
      ) : null}
      {pool.data && pool.data.unclassified > 0 ? (
        <Alert type="warning" showIcon title="有主体尚无信用风险分类：含这些主体的任务不能冻结名录，请先计算本月信用风险分类。" />
      ) : null}
      <Typography.Text type="secondary">信用风险分类仅作内部监管资源配置参考，不对外公开。</Typography.Text>
      <Table
        rowKey="creditCode"
        size="small"
        loading={pool.isFetching}
        dataSource={pool.data?.items ?? []}
        scroll={{ x: 860 }}
        locale={{ emptyText: <Empty description="没有符合条件的市场主体" /> }}
        pagination={{ current: page, pageSize: 20, total: pool.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 户` }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190 },
          { title: '乡镇（街道）', dataIndex: 'regionName', width: 120 },
          { title: '行业', dataIndex: 'industryCode', width: 200, render: (c: string | null) => industryLabel(c) ?? '—' },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: keyof typeof ENTITY_STATUS_LABELS) => ENTITY_STATUS_LABELS[s] },
          {
            title: (
              <Tooltip title="内部参考，不公开">
                <span>信用分类</span>
              </Tooltip>
            ),
            dataIndex: 'riskClass',
            width: 90,
            render: (c: string | null) => (c ? <Tag>{c} 类</Tag> : <Tag color="orange">未分类</Tag>),
          },
        ]}
      />
    </Flex>
  );
}
