import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's title, what the page is for in a sentence or two, and its main action on the right (e.g. 新建…). */
export function PageHeading({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12}>
      <div style={{ maxWidth: 860 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">{children}</Typography.Text>
      </div>
      {action}
    </Flex>
  );
}
