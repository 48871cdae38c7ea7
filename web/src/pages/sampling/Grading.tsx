import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ENTERPRISE_GRADES, type EnterpriseGrade, type GradedEnterprise, type RegionGrade, useGradedEnterprises, useRegionGrading } from '../../api/sampling';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/access';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { DemoTag } from '../plan/shared/DemoTag';
import { Legend } from './grading/Legend';
import { CountyTile, TownshipTile } from './grading/RegionTile';
import { RuleCard } from './grading/RuleCard';
import { colourHex, countyTiles, shareText, townshipTiles } from './grading-view';
import { GRADE_COLORS, GRADE_LABELS, GRADE_REASON_LABELS } from './labels';
import { yearOptions } from './shared';

function GradeCounts({ r }: { r: RegionGrade }) {
  return (
    <Flex gap={4} wrap>
      {ENTERPRISE_GRADES.map((g) => (
        <Tag key={g} color={GRADE_COLORS[g]} style={{ marginInlineEnd: 0 }}>
          {g} {r.counts[g]}
        </Tag>
      ))}
    </Flex>
  );
}

/** One district/county: a coloured header, its counts, and a tile per township. */
function CountyBlock({ county, selected, onSelect }: { county: RegionGrade; selected: string | undefined; onSelect: (code: string | undefined) => void }) {
  const hex = colourHex(county.colour);
  const active = selected === county.regionCode;
  return (
    <div
      style={{
        border: `2px solid ${active ? '#262626' : hex}`,
        borderRadius: 8,
        overflow: 'hidden',
        background: '#fff',
        display: 'flex',
        flexDirection: 'column',
      }}
      data-testid={`grading-county-${county.regionCode}`}
    >
      <CountyTile region={county} onSelect={() => onSelect(active ? undefined : county.regionCode)} />
      <Flex vertical gap={8} style={{ padding: 12, flex: 1 }}>
        <GradeCounts r={county} />
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(86px, 1fr))', gap: 4 }}>
          {townshipTiles(county).map((t) => (
            <TownshipTile
              key={t.regionCode}
              region={t}
              selected={selected === t.regionCode}
              onSelect={() => onSelect(selected === t.regionCode ? undefined : t.regionCode)}
            />
          ))}
        </div>
      </Flex>
    </div>
  );
}

export default function Grading() {
  const me = useMeUser();
  const { regionCode, regionName } = useRegion();
  const [year, setYear] = useState(new Date().getFullYear());
  const [focus, setFocus] = useState<string | undefined>(undefined);
  const [grade, setGrade] = useState<EnterpriseGrade | undefined>(undefined);
  const [page, setPage] = useState(1);
  const map = useRegionGrading({ year, regionCode });
  const list = useGradedEnterprises({ page, pageSize: 10, year, regionCode: focus ?? regionCode, ...(grade ? { grade } : {}) });
  const data = map.data;
  const select = (code: string | undefined) => {
    setFocus(code);
    setPage(1);
  };

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Flex align="center" gap={8}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                分级分类分色
              </Typography.Title>
              <DemoTag demo={data?.isDemo} />
            </Flex>
            <Typography.Text type="secondary">
              {regionName} · 企业按 {data ? `${data.window.fromYear}–${data.window.toYear}` : '近三'} 年监督抽查最终结论分类，区域按 C 类企业占比分色
            </Typography.Text>
          </div>
          <Select<number>
            aria-label="年度"
            style={{ width: 110 }}
            value={year}
            options={yearOptions()}
            onChange={(y) => {
              setYear(y);
              setPage(1);
            }}
          />
        </Flex>
      </Card>
      {map.isError ? <ErrorAlert error={map.error} title="分级数据加载失败" onRetry={() => void map.refetch()} /> : null}
      {map.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {data ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={17}>
            <Card
              title="区域分色"
              extra={
                <Tooltip title="系统内没有湖州各区县的地理边界数据（GeoJSON），因此以行政区划方块代替地图：方块的位置和大小不代表地理位置与面积。">
                  <Typography.Text type="secondary">
                    <InfoCircleOutlined /> 行政区划网格（非地理地图）
                  </Typography.Text>
                </Tooltip>
              }
            >
              <Flex vertical gap={16}>
                <Legend rule={data.rule.params} />
                {data.root.graded === 0 ? <Alert type="info" showIcon title="该统计期内暂无抽查最终结论，尚无企业分级" /> : null}
                <div style={{ display: 'grid', gridTemplateColumns: data.root.level === 'city' ? 'repeat(auto-fill, minmax(250px, 1fr))' : '1fr', gap: 12 }}>
                  {countyTiles(data.root).map((c) => (
                    <CountyBlock key={c.regionCode} county={c} selected={focus} onSelect={select} />
                  ))}
                </div>
                {data.root.level === 'city' ? (
                  <Flex align="center" gap={8} wrap>
                    <Typography.Text strong>{data.root.regionName}合计</Typography.Text>
                    <GradeCounts r={data.root} />
                    <Typography.Text type="secondary">{shareText(data.root)}</Typography.Text>
                  </Flex>
                ) : null}
              </Flex>
            </Card>
          </Col>
          <Col xs={24} xl={7}>
            <RuleCard rule={data.rule} canEdit={can(me.role, 'samplingCategories')} />
          </Col>
        </Row>
      ) : null}
      <Card
        title={`企业分类${focus ? `（${findName(data?.root, focus) ?? ''}）` : ''}`}
        extra={
          <Flex gap={8} align="center">
            {focus ? (
              <Button size="small" onClick={() => select(undefined)}>
                显示全部
              </Button>
            ) : null}
            <Select<EnterpriseGrade>
              aria-label="等级"
              allowClear
              placeholder="全部等级"
              style={{ width: 130 }}
              value={grade}
              options={ENTERPRISE_GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] }))}
              onChange={(g) => {
                setGrade(g);
                setPage(1);
              }}
            />
          </Flex>
        }
      >
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<GradedEnterprise>
          rowKey="entityId"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description="没有符合条件的已分级企业" /> }}
          pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 家` }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: '企业',
              key: 'name',
              render: (_v, e) => (
                <Flex vertical gap={0}>
                  <span>{e.entityName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                    {e.creditCode}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: '所在地', key: 'region', width: 160, render: (_v, e) => `${e.countyName ?? ''} ${e.regionName}` },
            { title: '等级', key: 'grade', width: 100, render: (_v, e) => <Tag color={GRADE_COLORS[e.grade]}>{GRADE_LABELS[e.grade]}</Tag> },
            { title: '依据', key: 'reason', render: (_v, e) => GRADE_REASON_LABELS[e.reason] },
            { title: '抽检批次', dataIndex: 'batches', width: 90, align: 'right' },
            {
              title: '不合格',
              key: 'failures',
              width: 110,
              align: 'right',
              render: (_v, e) =>
                e.failures > 0 ? (
                  <Typography.Text type="danger">{`${e.failures}${e.highRiskFailures ? `（高风险 ${e.highRiskFailures}）` : ''}`}</Typography.Text>
                ) : (
                  0
                ),
            },
            { title: '最近抽样', dataIndex: 'lastSampledOn', width: 110 },
          ]}
        />
      </Card>
    </Flex>
  );
}

function findName(root: RegionGrade | undefined, code: string): string | null {
  if (!root) return null;
  if (root.regionCode === code) return root.regionName;
  for (const c of root.children) {
    const hit = findName(c, code);
    if (hit) return hit;
  }
  return null;
}
