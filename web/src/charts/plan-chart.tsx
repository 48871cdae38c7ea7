// The plan pages' extra chart types (registered on import), drawn by the one EChart component.
import './plan-echarts';

export { EChart as PlanChart } from './EChart';
