import { Card, Flex, Tag, Typography } from 'antd';
import type { IndicatorProgress } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { describeMethod } from '../shared/labels';

/** How the status was worked out, for the city row: the method's name, a plain explanation and the engine's notes. */
export function MethodCard({ city, methods }: { city: IndicatorProgress | undefined; methods: unknown }) {
  const localise = useLocalise();
  if (!city) return null;
  const { method, methodVersion, notes } = city.progress;
  const info = describeMethod(method, methods);
  return (
    <Card size="small" title="测算方法">
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{info.name}</Typography.Text>
          <Tag>{method}</Tag>
          {methodVersion ? <Typography.Text type="secondary">版本 {methodVersion}</Typography.Text> : null}
        </Flex>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{info.text}</Typography.Paragraph>
        {info.source ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            依据：{info.source}
          </Typography.Text>
        ) : null}
        {notes.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20, color: '#595959' }}>
            {notes.map((note) => (
              <li key={note}>{localise(note)}</li>
            ))}
          </ul>
        ) : null}
      </Flex>
    </Card>
  );
}
