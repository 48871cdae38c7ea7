import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type TraceProduct, useProducts } from '../../api/trace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { canRegisterProducts } from '../../lib/access';
import { shanghaiTime } from '../../lib/time';
import { useMeUser } from '../../session';
import { DEMO_GTIN_NOTE, productCodeText } from './products/labels';
import { ProductDrawer } from './products/ProductDrawer';
import { RegisterProductModal } from './products/RegisterProductModal';

const DEFAULT_PAGE_SIZE = 20;
const dash = <Typography.Text type="secondary">—</Typography.Text>;

function buildColumns(open: (product: TraceProduct) => void, showOwner: boolean): ColumnsType<TraceProduct> {
  return [
    {
      title: '产品',
      key: 'name',
      render: (_value, product) => (
        <Flex vertical>
          <Typography.Link strong onClick={() => open(product)}>
            {product.name}
          </Typography.Link>
          {product.brand || product.spec ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[product.brand, product.spec].filter(Boolean).join(' · ')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: '商品条码',
      key: 'code',
      width: 260,
      render: (_value, product) => {
        const code = productCodeText(product);
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Tag color={product.gtinIssuer === 'platform' ? 'purple' : 'blue'}>{product.gtinIssuer === 'platform' ? '平台分配' : '自有'}</Tag>
            <Typography.Text copyable>{code.value}</Typography.Text>
            {code.demo ? (
              <Tag color="orange" style={{ marginInlineStart: 6 }} title={DEMO_GTIN_NOTE}>
                演示
              </Tag>
            ) : null}
          </span>
        );
      },
    },
    { title: '类别', dataIndex: 'category', key: 'category', width: 100, render: (value: string | null) => value ?? dash },
    ...(showOwner
      ? [{ title: '生产企业', dataIndex: 'enterpriseName', key: 'enterpriseName', ellipsis: true } satisfies ColumnsType<TraceProduct>[number]]
      : []),
    {
      title: '保质期',
      dataIndex: 'shelfLifeDays',
      key: 'shelfLifeDays',
      width: 90,
      align: 'right',
      render: (value: number | null) => (value ? `${value} 天` : dash),
    },
    {
      title: '登记时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 160,
      render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{shanghaiTime(value)}</span>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_value, product) => (
        <Button type="link" size="small" onClick={() => open(product)} aria-label={`${product.name}：批次与追溯码`}>
          批次与追溯码
        </Button>
      ),
    },
  ];
}

/** 产品与赋码: registered products, their batches and codes, QR codes, label sheets and consumer pages. */
export default function ProductsPage() {
  const me = useMeUser();
  const enterprise = me.role === 'enterprise';
  const canRegister = canRegisterProducts(me.role);
  const [query, setQuery] = useState<{ q?: string; page: number; pageSize: number }>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [selected, setSelected] = useState<TraceProduct | null>(null);
  const [registering, setRegistering] = useState(false);
  const products = useProducts(query);

  return (
    <Card>
      <Flex vertical gap={16}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            产品与赋码
          </Typography.Title>
          <Typography.Text type="secondary">
            {enterprise
              ? `${me.enterpriseName ?? '本企业'}登记的追溯产品。打开产品可为批次生成追溯码和二维码、下载印刷文件、打印标签，并预览消费者扫码看到的页面。`
              : '企业登记（或市局代为登记）的追溯产品。打开产品可查看其批次、追溯码与二维码，以及消费者扫码看到的页面。'}
          </Typography.Text>
        </div>
        <Flex justify="space-between" wrap gap={12}>
          <Input.Search
            allowClear
            aria-label="搜索产品"
            placeholder="产品名称、品牌、商品条码或企业"
            enterButton="查询"
            style={{ width: 340 }}
            onSearch={(q) => setQuery((current) => ({ ...current, q: q.trim() || undefined, page: 1 }))}
          />
          <Flex gap={8}>
            <Button icon={<ReloadOutlined />} loading={products.isFetching} onClick={() => void products.refetch()}>
              刷新
            </Button>
            {canRegister ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                登记产品
              </Button>
            ) : null}
          </Flex>
        </Flex>
        {products.isError ? <ErrorAlert error={products.error} title="产品列表加载失败" onRetry={() => void products.refetch()} /> : null}
        <Table<TraceProduct>
          rowKey="id"
          columns={buildColumns(setSelected, !enterprise)}
          dataSource={products.data?.items ?? []}
          loading={products.isFetching}
          scroll={{ x: 960 }}
          locale={{
            emptyText: (
              <Empty
                description={
                  products.isError ? '加载失败' : query.q ? '没有符合条件的产品' : canRegister ? '还没有登记产品，点击“登记产品”开始' : '还没有企业登记产品'
                }
              />
            ),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: products.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => `共 ${total} 个产品`,
            onChange: (page, pageSize) => setQuery((current) => ({ ...current, page: pageSize === current.pageSize ? page : 1, pageSize })),
          }}
        />
      </Flex>
      <ProductDrawer product={selected} canIssue={canRegister} onClose={() => setSelected(null)} />
      <RegisterProductModal
        open={registering}
        forEnterprise={enterprise}
        onClose={() => setRegistering(false)}
        onRegistered={(product) => {
          setRegistering(false);
          setSelected(product);
        }}
      />
    </Card>
  );
}
