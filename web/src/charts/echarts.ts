/** ECharts with only what the pages use registered, so the bundle stays small. */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export type { EChartsType } from 'echarts/core';
export { init };
