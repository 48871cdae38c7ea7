import { App, Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { type Indicator, putRegionTarget, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { formatNumber } from '../shared/format';
import type { PlanRegion } from '../shared/regions';

/** A summed indicator's city target split over the districts/counties (their shares are measured against these). */
export function RegionTargets({
  indicator,
  targets,
  regions,
  canEdit,
}: {
  indicator: Indicator;
  targets: Record<string, number>;
  regions: PlanRegion[];
  canEdit: boolean;
}) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const save = usePlanMutation(({ regionCode, value }: { regionCode: string; value: number }) => putRegionTarget(indicator.id, regionCode, value));
  const counties = regions.filter((region) => region.code !== '330500');
  const sum = counties.reduce((total, region) => total + (targets[region.code] ?? 0), 0);
  const cityTarget = 'value' in indicator.target ? indicator.target.value : null;
  return (
    <Card size="small" title="区县目标分解">
      <Table<PlanRegion>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={counties}
        columns={[
          { title: '区县', dataIndex: 'name', width: 90 },
          {
            title: `分解目标（${indicator.unit}）`,
            key: 'target',
            render: (_v, region) =>
              canEdit ? (
                <Space.Compact>
                  <InputNumber
                    aria-label={`${region.name}分解目标`}
                    min={0}
                    style={{ width: 120 }}
                    value={drafts[region.code] !== undefined ? drafts[region.code] : targets[region.code]}
                    onChange={(value) => setDrafts((current) => ({ ...current, [region.code]: value }))}
                  />
                  <Button
                    loading={save.isPending && save.variables?.regionCode === region.code}
                    disabled={drafts[region.code] === undefined || drafts[region.code] === null}
                    onClick={() => {
                      const value = drafts[region.code];
                      if (value === null || value === undefined) return;
                      save.mutate(
                        { regionCode: region.code, value },
                        {
                          onSuccess: () => {
                            message.success(`已保存${region.name}分解目标`);
                            setDrafts(({ [region.code]: _saved, ...rest }) => rest);
                          },
                          onError: (error) => message.error(localise(error.message)),
                        },
                      );
                    }}
                  >
                    保存
                  </Button>
                </Space.Compact>
              ) : (
                formatNumber(targets[region.code] ?? null, indicator.decimals)
              ),
          },
        ]}
      />
      <Typography.Paragraph type={cityTarget !== null && sum > 0 && sum < cityTarget ? 'warning' : 'secondary'} style={{ marginTop: 8, marginBottom: 0 }}>
        区县合计 {formatNumber(sum, indicator.decimals)}
        {indicator.unit}
        {cityTarget !== null ? `，全市目标 ${formatNumber(cityTarget, indicator.decimals)}${indicator.unit}` : ''}
        {cityTarget !== null && sum > 0 && sum < cityTarget ? '（合计低于全市目标）' : ''}
      </Typography.Paragraph>
    </Card>
  );
}
