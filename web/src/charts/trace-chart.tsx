import { useEffect, useRef } from 'react';
import { type EChartsType, init } from './trace-echarts';
import type { TraceChartOption } from './trace-options';

interface TraceChartProps {
  option: TraceChartOption;
  height?: number;
  /** Read by screen readers in place of the canvas. */
  ariaLabel: string;
  /** Called with a graph node's id (its code) when the user clicks it. */
  onNodeClick?: (id: string) => void;
}

/** A trace chart that follows its container's size and is disposed on unmount (as EChart, with the trace's chart types). */
export function TraceChart({ option, height = 360, ariaLabel, onNodeClick }: TraceChartProps) {
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
