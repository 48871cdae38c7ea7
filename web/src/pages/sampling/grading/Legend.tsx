import { Flex, Typography } from 'antd';
import type { GradingRule } from '../../../api/sampling';
import { legendItems } from '../grading-view';

/** The colour legend, its thresholds from the rule in force. */
export function Legend({ rule }: { rule: GradingRule }) {
  return (
    <Flex gap={16} wrap>
      {legendItems(rule).map((l) => (
        <Flex key={l.key} align="center" gap={6}>
          <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: l.hex }} />
          <Typography.Text style={{ fontSize: 13 }}>{l.label}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
