// The trace pages' extra chart types (registered on import), drawn by the one EChart component.
import './trace-echarts';

export { EChart as TraceChart } from './EChart';
