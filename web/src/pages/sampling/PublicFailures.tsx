import { Alert, Button, Card, Empty, Flex, Layout, List, Result, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type PublicFailure, usePublicFailures } from '../../api/sampling';
import { Logo } from '../../layout/Logo';
import { BRAND } from '../../theme';
import { yearOptions } from './shared';

function FailureItem({ f }: { f: PublicFailure }) {
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" wrap gap={8}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {f.productName}
            {f.brand ? `（${f.brand}）` : ''}
          </Typography.Text>
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            不合格
          </Tag>
        </Flex>
        <Typography.Text>
          {f.enterpriseName}
          {f.countyName ? ` · ${f.countyName}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {f.categoryName} · 规格型号 {f.spec ?? '—'} · 生产日期/批号 {f.batch ?? '—'} · 抽样日期 {f.sampledOn}
        </Typography.Text>
        <div style={{ background: '#fff1f0', borderRadius: 6, padding: '6px 10px' }}>
          {f.failedItems.length === 0 ? (
            <Typography.Text>不合格项目：见检验报告</Typography.Text>
          ) : (
            f.failedItems.map((i) => (
              <div key={i.name}>
                <Typography.Text strong>{i.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  · 标准要求 {i.requirement ?? '—'} · 实测 {i.result ?? '—'}
                </Typography.Text>
              </div>
            ))
          )}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          公示日期 {f.publishedOn}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** 公众端: products found 不合格 in supervision sampling, as published (一公开); no sign-in, readable on a phone. */
export default function PublicFailures() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const list = usePublicFailures({ page, pageSize: 10, ...(year ? { year } : {}) });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 10, background: BRAND.header, paddingInline: 16 }}>
        <Logo size={30} />
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          质量数智平台
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.8)', marginInlineStart: 8 }} ellipsis>
          监督抽查结果公示
        </Typography.Text>
      </Layout.Header>
      <Layout.Content style={{ padding: '16px 12px', width: '100%', maxWidth: 960, margin: '0 auto' }}>
        <Flex vertical gap={16}>
          <Flex vertical gap={4}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              产品质量监督抽查不合格产品信息
            </Typography.Title>
            <Typography.Text type="secondary">
              湖州市市场监督管理局依法公示监督抽查中经检验（含复检）最终判定为不合格的产品。公示信息为检验结论，不代表对企业其他产品的评价。
            </Typography.Text>
            <Select<number>
              aria-label="抽样年度"
              allowClear
              placeholder="全部年度"
              style={{ width: 140, marginTop: 8 }}
              value={year}
              options={yearOptions()}
              onChange={(y) => {
                setYear(y);
                setPage(1);
              }}
            />
          </Flex>
          {list.data?.demo ? <Alert type="warning" showIcon banner title="演示数据：本页为系统演示数据，企业与检验结果均为虚构。" /> : null}
          {list.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
          {list.isError ? (
            <Result status="error" title="暂时无法获取公示信息" subTitle="请稍后再试" extra={<Button onClick={() => void list.refetch()}>重试</Button>} />
          ) : null}
          {list.data ? (
            list.data.total === 0 ? (
              <Empty description="暂无公示的不合格产品" />
            ) : (
              <List
                dataSource={list.data.items}
                renderItem={(f) => (
                  <List.Item style={{ padding: '6px 0', borderBlockEnd: 'none' }}>
                    <FailureItem f={f} />
                  </List.Item>
                )}
                pagination={{ current: page, pageSize: 10, total: list.data.total, onChange: setPage, showTotal: (t) => `共 ${t} 批次`, align: 'center' }}
              />
            )
          ) : null}
        </Flex>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 16px' }}>
        湖州市市场监督管理局 主办 · <Link to="/public/plan">规划实施公开信息</Link> · <Link to="/login">工作人员登录</Link>
      </Layout.Footer>
    </Layout>
  );
}
