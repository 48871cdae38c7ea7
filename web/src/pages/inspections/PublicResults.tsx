import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, List, Result, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type PublicTaskSummary, usePublicItems, usePublicResult, usePublicResults } from '../../api/inspections';
import { ITEM_KIND_LABELS } from './labels';
import { PublicShell } from './public/PublicShell';
import { KindTag, ResultTag } from './tags';

function TaskLine({ t }: { t: PublicTaskSummary }) {
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Flex vertical gap={4}>
        <Flex gap={8} align="center" wrap>
          <KindTag kind={t.kind} />
          <Link to={`/public/inspections/${t.id}`} style={{ fontSize: 16 }}>
            {t.name}
          </Link>
        </Flex>
        <Typography.Text type="secondary">
          {t.regionName} · 检查结束 {t.endedOn ?? '—'} · 公示于 {t.publishedAt.slice(0, 10)} · {t.targetCount} 户
        </Typography.Text>
        <Typography.Text type="secondary">抽查事项：{t.items.map((i) => i.name).join('、')}</Typography.Text>
      </Flex>
    </Card>
  );
}

function ResultsList() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const results = usePublicResults({ page, pageSize: 10, ...(q ? { q } : {}) });
  if (results.isError)
    return <Result status="error" title="暂时无法获取公示信息" subTitle="请稍后再试" extra={<Button onClick={() => void results.refetch()}>重试</Button>} />;
  return (
    <Flex vertical gap={12}>
      <Input.Search
        size="large"
        placeholder="输入企业名称、统一社会信用代码或任务名称查询"
        allowClear
        enterButton="查询"
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {results.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <List
          dataSource={results.data.items}
          locale={{ emptyText: <Empty description={q ? '没有找到相关的抽查结果' : '暂无公示的抽查结果'} /> }}
          renderItem={(t) => (
            <List.Item style={{ border: 'none', padding: '4px 0' }}>
              <TaskLine t={t} />
            </List.Item>
          )}
          pagination={results.data.total > 10 ? { current: page, pageSize: 10, total: results.data.total, onChange: setPage } : false}
        />
      )}
    </Flex>
  );
}

function ItemsList() {
  const items = usePublicItems();
  if (items.isPending) return <Skeleton active />;
  if (items.isError) return <Result status="error" title="暂时无法获取抽查事项清单" />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items.data}
      scroll={{ x: 720 }}
      columns={[
        { title: '编码', dataIndex: 'code', width: 110 },
        { title: '抽查事项', dataIndex: 'name' },
        {
          title: '类别',
          dataIndex: 'kind',
          width: 110,
          render: (k: 'general' | 'key') => <Tag color={k === 'key' ? 'red' : 'blue'}>{ITEM_KIND_LABELS[k]}</Tag>,
        },
        { title: '检查对象', dataIndex: 'subject', width: 160 },
        { title: '依据', dataIndex: 'legalBasis' },
        { title: '版本', dataIndex: 'version', width: 60 },
      ]}
    />
  );
}

/** 公众端: published 双随机 results (names and results only) and the public item list. */
export default function PublicResults() {
  return (
    <PublicShell subtitle="“双随机、一公开”抽查结果公示">
      <Card>
        <Tabs
          items={[
            { key: 'results', label: '抽查结果公示', children: <ResultsList /> },
            { key: 'items', label: '随机抽查事项清单', children: <ItemsList /> },
          ]}
        />
      </Card>
    </PublicShell>
  );
}

/** One published task: its targets and their results; the draw can be verified on the linked page. */
export function PublicResultDetail() {
  const { id = '' } = useParams();
  const task = usePublicResult(id);
  return (
    <PublicShell subtitle="“双随机、一公开”抽查结果公示">
      {task.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {task.isError ? (
        <Result
          status={isApiError(task.error) && task.error.status === 404 ? '404' : 'error'}
          title={isApiError(task.error) && task.error.status === 404 ? '未找到该公示' : '暂时无法获取公示信息'}
          extra={<Link to="/public/inspections">返回公示列表</Link>}
        />
      ) : null}
      {task.data ? (
        <Card>
          <Flex vertical gap={12}>
            <Link to="/public/inspections">← 返回公示列表</Link>
            <Flex gap={8} align="center" wrap>
              <KindTag kind={task.data.kind} />
              <Typography.Title level={3} style={{ margin: 0 }}>
                {task.data.name}
              </Typography.Title>
            </Flex>
            <Typography.Text type="secondary">
              {task.data.regionName}市场监督管理局 · 检查结束 {task.data.endedOn ?? '—'} · 公示于 {task.data.publishedAt.slice(0, 10)}
            </Typography.Text>
            <Typography.Text>抽查事项：{task.data.items.map((i) => `${i.name}（${ITEM_KIND_LABELS[i.kind]}）`).join('、')}</Typography.Text>
            {task.data.verifiable ? (
              <Link to={`/public/inspections/${task.data.id}/verify`}>
                <SafetyCertificateOutlined /> 核验本次摇号（检查对象和人员系随机抽取，任何人可复算）
              </Link>
            ) : (
              <Typography.Text type="secondary">本次为非随机检查（因投诉举报、线索或转办开展）。</Typography.Text>
            )}
            <Table
              rowKey="creditCode"
              size="middle"
              dataSource={task.data.targets}
              pagination={task.data.targets.length > 50 ? { pageSize: 50 } : false}
              columns={[
                {
                  title: '市场主体',
                  dataIndex: 'name',
                  render: (_v, t) => (
                    <Flex vertical>
                      <span>{t.name}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t.creditCode}
                        {t.inspectedOn ? ` · 检查于 ${t.inspectedOn}` : ''}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                { title: '检查结果', dataIndex: 'category', width: 150, render: (c) => <ResultTag category={c} /> },
              ]}
            />
          </Flex>
        </Card>
      ) : null}
    </PublicShell>
  );
}
