import { WarningOutlined } from '@ant-design/icons';
import { Alert, Tooltip } from 'antd';
import type { ValueWarning } from '../../../api/plan';
import { useLocalise } from '../../../i18n';

export const WARNING_RULE_LABEL: Record<ValueWarning['rule'], string> = {
  range: '超出合理范围',
  yoy_change: '同比变动较大',
  county_sum_exceeds_city: '区县合计超过全市',
  numerator_denominator: '分子分母与数值不符',
};

/** The plausibility warnings of a saved value, in yellow: they do not block submission, the reviewer sees them too. */
export function WarningList({ warnings }: { warnings: readonly ValueWarning[] }) {
  const localise = useLocalise();
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title="请核实以下提示（不影响保存和报送，审核人员可见）"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {warnings.map((warning) => (
            <li key={`${warning.rule}:${warning.message}`}>
              {WARNING_RULE_LABEL[warning.rule] ?? warning.rule}：{localise(warning.message)}
            </li>
          ))}
        </ul>
      }
    />
  );
}

export function WarningIcon({ warnings }: { warnings: readonly ValueWarning[] }) {
  const localise = useLocalise();
  if (warnings.length === 0) return null;
  return (
    <Tooltip title={warnings.map((warning) => localise(warning.message)).join('；')}>
      <WarningOutlined style={{ color: '#faad14' }} aria-label={`${warnings.length} 条提示`} />
    </Tooltip>
  );
}
