/**
 * The extra ECharts parts only the trace pages draw (the trace graph, legends), registered on top of
 * ./echarts when a trace page loads, so the other pages' bundles stay as they are.
 */
import { GraphChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { use } from 'echarts/core';

use([GraphChart, LegendComponent]);
