/** The one extra ECharts part the credit-risk chart draws (its legend), registered on top of charts/echarts. */
import { LegendComponent } from 'echarts/components';
import { use } from 'echarts/core';

use([LegendComponent]);
