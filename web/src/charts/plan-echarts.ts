/**
 * The extra ECharts parts only the plan pages draw (heat map, legends, target lines), registered on
 * top of ./echarts when a plan page loads, so the other pages' bundles stay as they are.
 */
import { HeatmapChart } from 'echarts/charts';
import { LegendComponent, MarkLineComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { use } from 'echarts/core';

use([HeatmapChart, LegendComponent, MarkLineComponent, VisualMapPiecewiseComponent]);
