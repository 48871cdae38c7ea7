import { Button, Flex, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type IndicatorValue, planFiles } from '../../../api/plan';
import { shanghaiTimeShort } from '../../../lib/time';
import { WARNING_RULE_LABEL } from '../entry/Warnings';
import { formatChange, formatValue } from '../shared/format';
import type { Comparison } from './compare';

export interface ReviewActions {
  compare: (value: IndicatorValue) => Comparison;
  approve: (value: IndicatorValue) => void;
  reject: (value: IndicatorValue) => void;
  history: (value: IndicatorValue) => void;
  approvingId: string | null;
  localise: (text: string) => string;
}

export function buildReviewColumns(actions: ReviewActions): ColumnsType<IndicatorValue> {
  return [
    {
      title: '区划',
      key: 'region',
      width: 96,
      sorter: true,
      sortDirections: ['ascend'],
      render: (_v, value) => (
        <Flex vertical>
          <span>{value.regionName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title="报送时间">
            {value.submittedAt ? shanghaiTimeShort(value.submittedAt) : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '指标',
      key: 'indicator',
      width: 220,
      sorter: true,
      sortDirections: ['ascend'],
      render: (_v, value) => (
        <Flex vertical>
          <Typography.Text>
            {value.indicatorCode} {value.indicatorName}
          </Typography.Text>
          {value.version > 1 ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              更正（第 {value.version} 版）：{value.correctionReason ?? '—'}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '报送值',
      key: 'value',
      width: 110,
      align: 'right',
      render: (_v, value) => (
        <Flex vertical>
          <Typography.Text strong>{formatValue(value.value, value.unit)}</Typography.Text>
          {value.numerator !== null && value.denominator !== null ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {value.numerator}/{value.denominator}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '上年审定值',
      key: 'previous',
      width: 110,
      align: 'right',
      render: (_v, value) => {
        const { previousYear, replaces } = actions.compare(value);
        return (
          <Flex vertical>
            <span>{formatValue(previousYear?.value, value.unit)}</span>
            {replaces ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                现行值 {formatValue(replaces.value, value.unit)}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    {
      title: '同比',
      key: 'yoy',
      width: 80,
      align: 'right',
      render: (_v, value) => {
        const { yoy } = actions.compare(value);
        return <Typography.Text type={yoy !== null && Math.abs(yoy) > 0.5 ? 'danger' : undefined}>{formatChange(yoy)}</Typography.Text>;
      },
    },
    {
      title: '校验提示',
      key: 'warnings',
      width: 220,
      render: (_v, value) =>
        value.warnings.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 16, color: '#d48806' }}>
            {value.warnings.map((warning) => (
              <li key={`${warning.rule}:${warning.message}`}>
                {WARNING_RULE_LABEL[warning.rule] ?? warning.rule}：{actions.localise(warning.message)}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        ),
    },
    {
      title: '来源',
      key: 'source',
      width: 150,
      render: (_v, value) => (
        <Flex vertical>
          <Typography.Text ellipsis={{ tooltip: value.sourceNote }} style={{ maxWidth: 134 }}>
            {value.sourceNote ?? '—'}
          </Typography.Text>
          {value.attachment ? (
            <a href={planFiles.attachment(value.attachment.id)} target="_blank" rel="noreferrer">
              {value.attachment.fileName}
            </a>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_v, value) => (
        <Space size={0}>
          <Button type="link" size="small" loading={actions.approvingId === value.id} onClick={() => actions.approve(value)}>
            通过
          </Button>
          <Button type="link" size="small" danger onClick={() => actions.reject(value)}>
            退回
          </Button>
          <Button type="link" size="small" onClick={() => actions.history(value)}>
            历史
          </Button>
        </Space>
      ),
    },
  ];
}
