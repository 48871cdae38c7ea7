import { Tag, Tooltip } from 'antd';

/** "演示数据" whenever the figures on screen come from the demo seed. */
export function DemoTag({ demo }: { demo: boolean | undefined }) {
  if (!demo) return null;
  return (
    <Tooltip title="当前展示的是演示数据，不代表真实监管数据">
      <Tag color="gold" style={{ marginInlineEnd: 0 }}>
        演示数据
      </Tag>
    </Tooltip>
  );
}
