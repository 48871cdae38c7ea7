import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRegionGrading } from '../../../api/sampling';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRegion } from '../../../region-context';
import { DemoTag } from '../../plan/shared/DemoTag';
import { Legend } from '../../sampling/grading/Legend';
import { CountyTile, TownshipTile } from '../../sampling/grading/RegionTile';
import { colourRuleText, overviewTiles, shareText, tileLabel } from '../../sampling/grading-view';

const TITLE = '分级分类监管（分色）';

/**
 * The grading colour map in brief for the region chosen in the header: its districts/counties (the city) or
 * townships (a county), coloured by the share of C-class enterprises exactly as on the grading page.
 */
export function GradingOverview() {
  const { regionCode } = useRegion();
  // The grading page opens on the current year: the same question, so both show (and cache) the same answer.
  const [year] = useState(() => new Date().getFullYear());
  const grading = useRegionGrading({ year, regionCode });
  const data = grading.data;
  const smallTiles = data?.root.level === 'county';

  return (
    <Card
      size="small"
      role="region"
      aria-label={TITLE}
      title={
        <Flex align="center" gap={8}>
          <span>{TITLE}</span>
          <DemoTag demo={data?.isDemo} />
        </Flex>
      }
      extra={
        <Link to="/sampling/grading">
          查看分级分类详情 <RightOutlined />
        </Link>
      }
    >
      {grading.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {grading.isError ? <ErrorAlert error={grading.error} title="分级分色数据加载失败" onRetry={() => void grading.refetch()} /> : null}
      {data ? (
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="baseline" wrap gap={8}>
            <Typography.Text type="secondary">
              {data.root.regionName} · {data.year} 年度（统计 {data.window.fromYear}–{data.window.toYear} 年监督抽查最终结论）
            </Typography.Text>
            {data.root.graded > 0 ? (
              <Typography.Text>
                {data.root.regionName}合计：{shareText(data.root)}
              </Typography.Text>
            ) : null}
          </Flex>
          {data.root.graded === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该统计期内暂无抽查最终结论，尚无企业分级" />
          ) : (
            <>
              <ul
                aria-label={smallTiles ? '各乡镇（街道）分色' : '各区县分色'}
                style={{
                  listStyle: 'none',
                  margin: 0,
                  padding: 0,
                  display: 'grid',
                  gridTemplateColumns: smallTiles ? 'repeat(auto-fill, minmax(96px, 1fr))' : 'repeat(auto-fit, minmax(180px, 1fr))',
                  gap: smallTiles ? 6 : 12,
                }}
              >
                {overviewTiles(data.root).map((r) => (
                  <li key={r.regionCode} aria-label={tileLabel(r)} style={smallTiles ? undefined : { borderRadius: 8, overflow: 'hidden' }}>
                    {smallTiles ? <TownshipTile region={r} /> : <CountyTile region={r} />}
                  </li>
                ))}
              </ul>
              <Legend rule={data.rule.params} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {colourRuleText(data.rule.params)}现行规则第 {data.rule.version} 版。
              </Typography.Text>
            </>
          )}
        </Flex>
      ) : null}
    </Card>
  );
}
