import { useEffect, useRef } from 'react';
import { type EChartsType, init } from './plan-echarts';
import type { PlanChartOption } from './plan-options';

interface PlanChartProps {
  option: PlanChartOption;
  height?: number;
  /** Read by screen readers in place of the canvas. */
  ariaLabel: string;
}

/** A plan chart that follows its container's size and is disposed on unmount (as EChart, with the plan's chart types). */
export function PlanChart({ option, height = 320, ariaLabel }: PlanChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return undefined;
    const chart = init(element);
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={containerRef} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
