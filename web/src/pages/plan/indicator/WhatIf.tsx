import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, InputNumber, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { directionSign, type Indicator, type IndicatorProgress, type MeasureResult, measureProgress, planKeys, useMeasure } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { formatRatio, formatValue } from '../shared/format';
import { type PlanRegion, regionName } from '../shared/regions';
import { StatusTag } from '../shared/StatusTag';
import { buildMeasureInput, findRequiredValue, type RequiredValue, searchStart, searchTarget } from '../shared/what-if';

/** The year to try: the one after the latest data, at most the target year. */
function nextYear(indicator: Indicator, row: IndicatorProgress): number {
  return Math.min((row.currentYear ?? row.baseYear) + 1, indicator.targetYear);
}

/** The least value that keeps the region on track in `year`: the server's figure if it offers one, else a bisection over measures. */
function useRequiredValue(indicator: Indicator, row: IndicatorProgress, year: number) {
  return useQuery({
    queryKey: [...planKeys.indicator(indicator.id), 'required', row.regionCode, year, row.currentValue, row.targetValue],
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    enabled: row.baseValue !== null,
    queryFn: async (): Promise<RequiredValue | null> => {
      const step = 10 ** -indicator.decimals;
      const direction = directionSign(indicator.direction);
      const start = searchStart(indicator, row);
      const first: MeasureResult = await measureProgress(buildMeasureInput(indicator, row, year, start));
      if (typeof first.requiredNextValue === 'number') return { value: first.requiredNextValue, alwaysGood: false, calls: 1 };
      const worst =
        indicator.accumulation === 'increment'
          ? 0
          : direction === 1
            ? (indicator.valueMin ?? 0)
            : (indicator.valueMax ?? (indicator.unit === '%' ? 100 : null));
      return findRequiredValue(async (value) => (await measureProgress(buildMeasureInput(indicator, row, year, value))).status, {
        direction,
        start,
        target: searchTarget(indicator, row),
        step,
        worst,
      });
    },
  });
}

function RequiredLine({ indicator, row, year }: { indicator: Indicator; row: IndicatorProgress; year: number }) {
  const required = useRequiredValue(indicator, row, year);
  const unit = indicator.unit;
  const d = indicator.decimals;
  if (row.baseValue === null) return <Alert type="info" showIcon title="缺少基期值，无法测算所需数值" />;
  if (required.isPending) return <Spin size="small" description="正在测算所需数值…" />;
  if (required.isError) return <Alert type="warning" showIcon title={`所需数值测算失败：${required.error.message}`} />;
  const found = required.data;
  if (!found) return <Alert type="warning" showIcon title={`在可达范围内，${year}年的数值无法使该指标达到“进展顺利”`} />;
  const increment = indicator.accumulation === 'increment';
  const up = indicator.direction === 'higher_is_better';
  let text: string;
  if (found.alwaysGood) {
    text = increment ? `${year}年即使不再新增，仍可保持进展顺利` : `${year}年数值即使为 ${formatValue(found.value, unit, d)}，仍可保持进展顺利`;
  } else if (increment) {
    const total = formatValue((row.currentValue ?? 0) + found.value, unit, d);
    text = up
      ? `要保持进展顺利，${year}年至少需新增 ${formatValue(found.value, unit, d)}（规划期内累计 ${total}）`
      : `要保持进展顺利，${year}年新增不能超过 ${formatValue(found.value, unit, d)}（规划期内累计 ${total}）`;
  } else {
    text = up
      ? `要保持进展顺利，${year}年至少需达到 ${formatValue(found.value, unit, d)}`
      : `要保持进展顺利，${year}年需降至 ${formatValue(found.value, unit, d)} 及以下`;
  }
  return <Alert type={found.alwaysGood ? 'success' : 'info'} showIcon icon={<BulbOutlined />} title={text} />;
}

/** "What if next year's value were …": the server measures the hypothetical value; nothing is saved. */
export function WhatIf({ indicator, progress, regions }: { indicator: Indicator; progress: IndicatorProgress[]; regions: PlanRegion[] }) {
  const localise = useLocalise();
  const [regionCode, setRegionCode] = useState(progress[0]?.regionCode ?? '330500');
  const row = progress.find((item) => item.regionCode === regionCode) ?? progress[0];
  const [value, setValue] = useState<number | null>(null);
  const measure = useMeasure();
  const [result, setResult] = useState<{ key: string; value: number; result: MeasureResult } | null>(null);
  if (!row) return null;
  const year = nextYear(indicator, row);
  const resultKey = `${row.regionCode}@${year}`;
  const shown = result && result.key === resultKey ? result : null;

  const run = () => {
    if (value === null) return;
    measure.mutate(buildMeasureInput(indicator, row, year, value), { onSuccess: (answer) => setResult({ key: resultKey, value, result: answer }) });
  };

  return (
    <Card size="small" title="进展推演">
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center">
          <Select
            aria-label="推演区划"
            style={{ width: 120 }}
            value={row.regionCode}
            onChange={setRegionCode}
            options={progress.map((item) => ({ value: item.regionCode, label: regionName(item.regionCode, regions) }))}
          />
          <Typography.Text>
            {year}年{indicator.accumulation === 'increment' ? '新增' : '数值'}
          </Typography.Text>
          <InputNumber aria-label="假设数值" value={value} onChange={setValue} style={{ width: 140 }} suffix={indicator.unit} onPressEnter={run} />
          <Button type="primary" onClick={run} loading={measure.isPending} disabled={value === null}>
            测算
          </Button>
        </Flex>
        {measure.isError ? <Alert type="error" showIcon title={localise(measure.error.message)} /> : null}
        {shown ? (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'status', label: '将得到的状态', children: <StatusTag status={shown.result.status} /> },
              { key: 'r', label: 'R', children: formatRatio(shown.result.progressValue) },
              {
                key: 'forecast',
                label: '预测',
                children: shown.result.forecast
                  ? `${shown.result.forecast.year}年 ${formatValue(shown.result.forecast.value, indicator.unit, indicator.decimals)}`
                  : '—',
              },
            ]}
          />
        ) : null}
        <RequiredLine key={resultKey} indicator={indicator} row={row} year={year} />
        <Typography.Text type="secondary">推演只做测算，不保存任何数据。</Typography.Text>
      </Flex>
    </Card>
  );
}
