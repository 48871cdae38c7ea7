import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { type EChartsType, init } from './echarts';

interface EChartProps {
  /** Any composed option (ChartOption, PlanChartOption, …): the chart types it uses must be registered (./echarts, ./plan-echarts, ./trace-echarts). */
  option: EChartsCoreOption;
  height?: number;
  /** Read by screen readers in place of the canvas. */
  ariaLabel: string;
  /** Graph charts: called with a node's id when the user clicks the node. */
  onNodeClick?: (id: string) => void;
}

/** A canvas chart that follows its container's size and is disposed on unmount. */
export function EChart({ option, height = 320, ariaLabel, onNodeClick }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const clickRef = useRef(onNodeClick);
  clickRef.current = onNodeClick;

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return undefined;
    const chart = init(element);
    chartRef.current = chart;
    chart.on('click', (params) => {
      const data = params.data;
      if (params.dataType !== 'node' || typeof data !== 'object' || data === null || !('id' in data) || typeof data.id !== 'string') return;
      clickRef.current?.(data.id);
    });
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
