import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Grid, Result, Skeleton, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { commitmentOf, fromHex } from '../../../../common/draw/index.ts';
import { isApiError } from '../../api/client';
import { usePublicVerification } from '../../api/inspections';
import { TASK_STATUS_LABELS } from './labels';
import { PublicShell } from './public/PublicShell';
import { ResultTag } from './tags';
import { Digest } from './task/DrawCeremony';

/**
 * 公开核验 (no login): the verdict the server recomputes from the stored record, with the values anyone can check —
 * the commitment published before the draw, the seed revealed after it, the pool hash and the witness value. The
 * browser also checks SHA-256(seed) = commitment itself. No credit class and no inspector data are shown.
 */
export default function PublicVerify() {
  const { id = '' } = useParams();
  const v = usePublicVerification(id);
  const wide = Grid.useBreakpoint().md ?? true;
  const seedBytes = v.data ? fromHex(v.data.seed) : null;
  const commitmentOk = seedBytes && v.data ? commitmentOf(seedBytes) === v.data.commitment : null;
  return (
    <PublicShell subtitle="“双随机”摇号公开核验">
      {v.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {v.isError ? (
        <Result
          status={isApiError(v.error) && v.error.status === 404 ? '404' : 'error'}
          title={isApiError(v.error) && v.error.status === 404 ? '没有可核验的摇号' : '暂时无法核验'}
          subTitle={isApiError(v.error) && v.error.status === 404 ? '该任务不存在、尚未摇号，或为非随机检查。' : '请稍后再试'}
          extra={<Link to="/public/inspections">抽查结果公示</Link>}
        />
      ) : null}
      {v.data ? (
        <Flex vertical gap={16}>
          <Card>
            <Flex vertical gap={12}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {v.data.taskName}
              </Typography.Title>
              <Typography.Text type="secondary">
                {v.data.regionName} · 摇号时间 {new Date(v.data.drawnAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} · 当前状态：
                {TASK_STATUS_LABELS[v.data.status]}
              </Typography.Text>
              {v.data.consistent ? (
                <Alert
                  type="success"
                  showIcon
                  icon={<CheckCircleFilled />}
                  title={<span style={{ fontSize: 20 }}>一致</span>}
                  description={`按公开算法（zhiliang-draw/1）从存档的名录、种子和见证值重新计算，得到的检查对象和检查人员与公布结果完全一致${v.data.redrawCount > 0 ? `（含 ${v.data.redrawCount} 次经批准的回避重抽）` : ''}。`}
                />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  icon={<CloseCircleFilled />}
                  title={<span style={{ fontSize: 20 }}>不一致</span>}
                  description={
                    <>
                      首个差异位置：<Typography.Text code>{v.data.firstDifference?.path}</Typography.Text>
                      {v.data.firstDifference && !v.data.firstDifference.withheld ? (
                        <>
                          {' '}
                          — 重算应为 <Typography.Text code>{String(v.data.firstDifference.expected)}</Typography.Text>，公布为{' '}
                          <Typography.Text code>{String(v.data.firstDifference.actual)}</Typography.Text>
                        </>
                      ) : (
                        '（该项为内部数据，具体数值不公开）'
                      )}
                    </>
                  }
                />
              )}
            </Flex>
          </Card>
          <Card title="公开的摇号数据">
            <Descriptions column={1} bordered size="small" layout={wide ? 'horizontal' : 'vertical'}>
              <Descriptions.Item label="承诺（摇号前公布）">
                <Digest value={v.data.commitment} label="承诺" />
              </Descriptions.Item>
              <Descriptions.Item label="种子（摇号后公开）">
                <Flex vertical gap={4}>
                  <Digest value={v.data.seed} label="种子" />
                  {commitmentOk === null ? null : (
                    <Typography.Text type={commitmentOk ? 'success' : 'danger'}>
                      {commitmentOk ? '✓ 本机浏览器计算 SHA-256(种子) 与承诺一致：种子在摇号前已确定，未被更换' : '✗ SHA-256(种子) 与承诺不一致'}
                    </Typography.Text>
                  )}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label="名录哈希 poolHash">
                <Digest value={v.data.poolHash} label="名录哈希" />
              </Descriptions.Item>
              <Descriptions.Item label="见证值">
                <Typography.Text code>{v.data.publicEntropy === '' ? '（空）' : v.data.publicEntropy}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="规模">
                检查对象名录库 {v.data.targetPoolSize} 户，抽取 {v.data.targetCount} 户
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="抽中的检查对象">
            {v.data.targets.length > 0 ? (
              <Table
                rowKey="creditCode"
                size="small"
                dataSource={v.data.targets}
                pagination={v.data.targets.length > 50 ? { pageSize: 50 } : false}
                columns={[
                  {
                    title: '市场主体',
                    dataIndex: 'name',
                    render: (_v, t) => (
                      <Flex vertical>
                        <span>{t.name}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t.creditCode}
                        </Typography.Text>
                      </Flex>
                    ),
                  },
                  { title: '检查结果', dataIndex: 'category', width: wide ? 280 : 120, render: (c) => <ResultTag category={c} /> },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">检查结果公示后在此列出被抽中的市场主体（检查开展前不预先公布名单）。</Typography.Text>
            )}
          </Card>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            核验方法：承诺 = SHA-256(种子)；名录哈希 = SHA-256(规范化名录)；随机数流 = HMAC-SHA256(种子, 名录哈希 ‖ 见证值)；按信用风险分类分层、部分
            Fisher–Yates 洗牌抽取。 算法全文见平台源代码 common/draw/README.md，持完整记录者可用命令 zhiliang draw verify 独立复核。
          </Typography.Text>
        </Flex>
      ) : null}
    </PublicShell>
  );
}
