import { Flex, Table, Tag, Typography } from 'antd';
import type { AssessmentAdjustment, RegionScore, ScoreLine } from '../../../api/plan';
import { shanghaiTime } from '../../../lib/time';
import { formatShare } from '../shared/format';
import { ADJUSTMENT_KIND_LABEL } from '../shared/labels';
import { StatusTag } from '../shared/StatusTag';

/** One district/county's score sheet: every indicator's points, then bonuses and penalties. */
export function ScoreSheet({ score }: { score: RegionScore }) {
  return (
    <Flex vertical gap={12} style={{ padding: '4px 8px' }}>
      <Table<ScoreLine>
        rowKey="indicatorId"
        size="small"
        pagination={false}
        dataSource={score.lines}
        scroll={{ y: 360 }}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5}>
                <Typography.Text strong>指标得分合计</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Typography.Text strong>{score.base.toFixed(2)}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
        columns={[
          { title: '编号', dataIndex: 'code', width: 64 },
          { title: '指标', dataIndex: 'name' },
          { title: '权重', dataIndex: 'weight', width: 70, align: 'right' },
          { title: '状态', key: 'status', width: 110, render: (_v, line) => <StatusTag status={line.status} /> },
          { title: '得分比例', key: 'share', width: 90, align: 'right', render: (_v, line) => formatShare(line.share, 0) },
          { title: '得分', key: 'points', width: 80, align: 'right', render: (_v, line) => line.points.toFixed(2) },
        ]}
      />
      {score.adjustments.length > 0 ? (
        <Table<AssessmentAdjustment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={score.adjustments}
          title={() => <Typography.Text strong>加减分</Typography.Text>}
          columns={[
            {
              title: '类型',
              key: 'kind',
              width: 70,
              render: (_v, item) => <Tag color={item.kind === 'bonus' ? 'green' : 'red'}>{ADJUSTMENT_KIND_LABEL[item.kind]}</Tag>,
            },
            { title: '分值', key: 'points', width: 80, align: 'right', render: (_v, item) => `${item.kind === 'bonus' ? '+' : '-'}${item.points}` },
            { title: '理由', dataIndex: 'reason' },
            { title: '时间', key: 'createdAt', width: 140, render: (_v, item) => shanghaiTime(item.createdAt) },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">无加减分</Typography.Text>
      )}
    </Flex>
  );
}
