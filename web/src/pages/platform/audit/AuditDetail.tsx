import { Col, Descriptions, Row, Typography } from 'antd';
import type { AuditEntry, JsonValue } from '../../../api/platform-types';

function JsonBlock({ title, value }: { title: string; value: JsonValue | null }) {
  return (
    <section aria-label={title}>
      <Typography.Text strong>{title}</Typography.Text>
      {value === null ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          无
        </Typography.Paragraph>
      ) : (
        <pre className="zl-json" style={{ marginTop: 8 }}>
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </section>
  );
}

/** The expanded row: what the record looked like before and after, and the entry's chain hash. */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  return (
    <div style={{ padding: '4px 8px' }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <JsonBlock title="变更前（before）" value={entry.before} />
        </Col>
        <Col xs={24} md={12}>
          <JsonBlock title="变更后（after）" value={entry.after} />
        </Col>
      </Row>
      <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
        <Descriptions.Item label="序号">{entry.seq}</Descriptions.Item>
        <Descriptions.Item label="哈希">
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
            {entry.hash}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
