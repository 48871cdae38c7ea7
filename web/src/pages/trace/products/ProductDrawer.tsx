import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { isApiError } from '../../../api/client';
import { type IssuedCode, type ProductBatch, type TraceProduct, useIssueCode, useProductBatches } from '../../../api/trace';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalise } from '../../../i18n';
import { can } from '../../../lib/access';
import { shanghaiTime } from '../../../lib/time';
import { useMeUser } from '../../../session';
import { RecordEventModal } from '../captures/RecordEventModal';
import { type BatchCode, BatchCodeCard } from './BatchCodeCard';
import { BatchEventsCard } from './BatchEventsCard';
import { consumerPath, DEMO_GTIN_NOTE, lotProblem, productCodeText } from './labels';

const PAGE_SIZE = 10;

function fromBatch(batch: ProductBatch): BatchCode {
  return { ...batch, epcisIdentifier: batch.identifier };
}

function fromIssued(issued: IssuedCode, lot: string): BatchCode {
  return {
    lot,
    uri: issued.uri,
    path: consumerPath(issued.uri),
    elementString: issued.elementString,
    epcisIdentifier: issued.epcisIdentifier,
    qrPng: issued.qrPng,
    qrSvg: issued.qrSvg,
    labels: issued.labels,
  };
}

/** 为新批次赋码: the code of a lot the events do not name yet (before production starts, for printing labels). */
function IssueLotForm({ product, onIssued }: { product: TraceProduct; onIssued: (code: BatchCode) => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<{ lot: string }>();
  const issue = useIssueCode();
  const submit = ({ lot }: { lot: string }) => {
    const value = lot.trim();
    issue.mutate(
      { gtin: product.gtin, lot: value },
      {
        onSuccess: (issued) => {
          onIssued(fromIssued(issued, value));
          form.resetFields();
        },
        onError: (error) => {
          const detail = isApiError(error) ? error.details.find((d) => d.message)?.message : undefined;
          form.setFields([{ name: 'lot', errors: [localise(detail ?? error.message)] }]);
          if (!detail) message.error(localise(error.message));
        },
      },
    );
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
      <Form.Item
        name="lot"
        label="批次号"
        rules={[
          {
            validator: (_rule, value: string | undefined) =>
              lotProblem(value ?? '') ? Promise.reject(new Error(lotProblem(value ?? '') ?? '')) : Promise.resolve(),
          },
        ]}
      >
        <Input placeholder="如 HZ-2025-0601" maxLength={20} style={{ width: 220 }} autoComplete="off" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={issue.isPending}>
          生成追溯码
        </Button>
      </Form.Item>
    </Form>
  );
}

interface ProductDrawerProps {
  product: TraceProduct | null;
  canIssue: boolean;
  onClose: () => void;
}

/** A product's facts, its batches as the events name them, and the code, QR code and labels of one batch. */
export function ProductDrawer({ product, canIssue, onClose }: ProductDrawerProps) {
  return (
    <Drawer open={product !== null} title={product?.name} size={820} onClose={onClose} destroyOnHidden>
      {product ? <ProductDetail key={product.id} product={product} canIssue={canIssue} /> : null}
    </Drawer>
  );
}

function ProductDetail({ product, canIssue }: { product: TraceProduct; canIssue: boolean }) {
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<BatchCode | null>(null);
  const mayCapture = can(useMeUser().role, 'traceCapture');
  const [recordLot, setRecordLot] = useState<string | null>(null);
  const recordFor = useMemo(() => (recordLot === null ? null : { product, lot: recordLot }), [product, recordLot]);
  const batches = useProductBatches(product.id, { page, pageSize: PAGE_SIZE });
  const first = batches.data?.items[0];
  // Until a batch is picked, the most recently seen one is shown, so the drawer opens on a code.
  const shown = chosen ?? (first && page === 1 ? fromBatch(first) : null);
  const productCode = productCodeText(product);

  return (
    <Flex vertical gap={16}>
      {productCode.demo ? <Alert type="warning" showIcon title="演示用商品条码" description={DEMO_GTIN_NOTE} /> : null}
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          {
            key: 'code',
            label: productCode.label,
            children: (
              <span>
                <Typography.Text copyable>{productCode.value}</Typography.Text>
                {productCode.demo ? (
                  <Tag color="orange" style={{ marginInlineStart: 8 }}>
                    演示
                  </Tag>
                ) : null}
              </span>
            ),
          },
          ...(product.productRef
            ? [{ key: 'ref', label: '企业产品编号', span: 2, children: <Typography.Text code>{product.productRef}</Typography.Text> }]
            : []),
          { key: 'category', label: '类别', children: product.category ?? '—' },
          { key: 'brand', label: '品牌', children: product.brand ?? '—' },
          { key: 'spec', label: '规格', children: product.spec ?? '—' },
          { key: 'origin', label: '产地', children: product.origin ?? '—' },
          { key: 'shelf', label: '保质期', children: product.shelfLifeDays ? `${product.shelfLifeDays} 天` : '—' },
          {
            key: 'owner',
            label: '生产企业',
            span: 2,
            children: (
              <span>
                {product.enterpriseName}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {product.enterpriseCreditCode}
                </Typography.Text>
              </span>
            ),
          },
        ]}
      />

      {canIssue ? (
        <Card size="small" title="为新批次赋码">
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">
              输入生产批次号，生成该批次的追溯码与二维码，用于印制包装标签。批次的生产、检验、发货等记录可点击“登记该批次事件”逐条登记，或由企业系统通过 EPCIS
              接口上报。
            </Typography.Text>
            <IssueLotForm product={product} onIssued={setChosen} />
          </Flex>
        </Card>
      ) : null}

      {shown ? <BatchCodeCard product={product} code={shown} onRecord={mayCapture ? () => setRecordLot(shown.lot) : undefined} /> : null}
      {shown ? (
        <BatchEventsCard
          key={shown.epcisIdentifier}
          lot={shown.lot}
          identifier={shown.epcisIdentifier}
          mayDeclare={mayCapture}
          onRecordCorrection={() => setRecordLot(shown.lot)}
        />
      ) : null}
      <RecordEventModal open={recordFor !== null} initial={recordFor} onClose={() => setRecordLot(null)} onRecorded={() => setRecordLot(null)} />

      <Card size="small" title="已有追溯记录的批次">
        {batches.isError ? (
          <ErrorAlert error={batches.error} title="批次加载失败" onRetry={() => void batches.refetch()} />
        ) : (
          <Table<ProductBatch>
            rowKey="identifier"
            size="small"
            loading={batches.isFetching}
            dataSource={batches.data?.items ?? []}
            locale={{ emptyText: <Empty description="该产品还没有批次的追溯记录" /> }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: batches.data?.total ?? 0,
              hideOnSinglePage: true,
              showTotal: (total) => `共 ${total} 个批次`,
              onChange: setPage,
            }}
            columns={[
              { title: '批次号', dataIndex: 'lot', key: 'lot', render: (lot: string) => <Typography.Text code>{lot}</Typography.Text> },
              { title: '首次记录', dataIndex: 'firstSeen', key: 'firstSeen', width: 150, render: (value: string) => shanghaiTime(value) },
              { title: '最近记录', dataIndex: 'lastSeen', key: 'lastSeen', width: 150, render: (value: string) => shanghaiTime(value) },
              { title: '事件数', dataIndex: 'eventCount', key: 'eventCount', width: 80, align: 'right' },
              {
                title: '操作',
                key: 'actions',
                width: 120,
                render: (_value, batch) =>
                  shown?.uri === batch.uri ? (
                    <Typography.Text type="secondary">显示在上方</Typography.Text>
                  ) : (
                    <Button type="link" size="small" onClick={() => setChosen(fromBatch(batch))} aria-label={`查看批次 ${batch.lot} 的追溯码`}>
                      追溯码与二维码
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
