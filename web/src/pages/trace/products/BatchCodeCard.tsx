import { DownloadOutlined, ExportOutlined, FormOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import type { TraceProduct } from '../../../api/trace';
import { DEMO_GTIN_NOTE, productCodeText, qrFileName } from './labels';

/** What the card shows of a batch code, whether listed from the events or just issued. */
export interface BatchCode {
  lot: string;
  /** the code on the platform's domain: what the QR code carries */
  uri: string;
  /** the consumer page on this host */
  path: string;
  elementString: string | null;
  /** the identifier to put in EPCIS events for this batch */
  epcisIdentifier: string;
  qrPng: string;
  qrSvg: string;
  labels: string;
}

const QR_SIZE = 176;

/** One batch's code: the QR code, the Digital Link it carries, downloads, the label sheet and the consumer page. */
export function BatchCodeCard({ product, code, onRecord }: { product: TraceProduct; code: BatchCode; onRecord?: () => void }) {
  const demo = productCodeText(product).demo;
  return (
    <Card size="small" title={`批次 ${code.lot} 的追溯码`} aria-label={`批次 ${code.lot} 的追溯码`}>
      <Flex gap={20} wrap align="flex-start">
        <img
          src={`${code.qrPng}&size=${QR_SIZE * 2}`}
          width={QR_SIZE}
          height={QR_SIZE}
          alt={`批次 ${code.lot} 的追溯二维码`}
          style={{ border: '1px solid #e3e8ef', borderRadius: 6, padding: 6, background: '#fff', flex: 'none' }}
        />
        <Flex vertical gap={12} style={{ flex: 1, minWidth: 280 }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'product', label: '产品', children: product.name },
              {
                key: 'lot',
                label: '批次号',
                children: <Typography.Text code>{code.lot}</Typography.Text>,
              },
              {
                key: 'uri',
                label: '追溯码（二维码内容）',
                children: (
                  <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                    {code.uri}
                  </Typography.Text>
                ),
              },
              ...(code.elementString
                ? [{ key: 'hri', label: '条码人读文字', children: <Typography.Text copyable>{code.elementString}</Typography.Text> }]
                : []),
              {
                key: 'epcis',
                label: '上报事件时使用的标识',
                children: (
                  <Typography.Text copyable type="secondary" style={{ wordBreak: 'break-all' }}>
                    {code.epcisIdentifier}
                  </Typography.Text>
                ),
              },
            ]}
          />
          {demo ? (
            <Typography.Text type="warning" title={DEMO_GTIN_NOTE}>
              演示码（GS1 前缀 952）：请勿印制在上市产品上。
            </Typography.Text>
          ) : null}
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} href={code.qrPng} download={qrFileName(product, code.lot, 'png')}>
              下载 PNG
            </Button>
            <Button icon={<DownloadOutlined />} href={code.qrSvg} download={qrFileName(product, code.lot, 'svg')}>
              下载 SVG（印刷用）
            </Button>
            <Button icon={<PrinterOutlined />} href={code.labels} target="_blank" rel="noopener">
              打印标签（A4）
            </Button>
            <Button type="primary" ghost icon={<ExportOutlined />} href={code.path} target="_blank" rel="noopener">
              消费者扫码页面
            </Button>
            {onRecord ? (
              <Button icon={<FormOutlined />} onClick={onRecord}>
                登记该批次事件
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}
