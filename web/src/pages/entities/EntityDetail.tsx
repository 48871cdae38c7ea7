import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  type Certification,
  type EntityDetail as Detail,
  deleteCertification,
  deleteLicence,
  type Licence,
  useEntity,
  useEntityMutation,
} from '../../api/entities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise } from '../../i18n';
import { DemoTag } from '../plan/shared/DemoTag';
import { EntityCreditTag } from './credit/EntityCreditTag';
import { EntityTimeline } from './detail/EntityTimeline';
import { CertificationModal, LicenceModal } from './detail/RecordModals';
import { EntityFormModal } from './EntityFormModal';
import {
  CERTIFICATION_KIND_LABELS,
  CERTIFICATION_STATUS_LABELS,
  ENTITY_STATUS_LABELS,
  ENTITY_TYPE_LABELS,
  LICENCE_KIND_LABELS,
  LICENCE_STATUS_LABELS,
  licenceExpiryTone,
  SPECIAL_LIST_LABELS,
  STATUS_COLORS,
} from './labels';

const dash = (v: string | null | undefined) => v || '—';

function BasicInfo({ entity }: { entity: Detail }) {
  return (
    <Card title="基本信息">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="middle"
        styles={{ label: { width: 130 } }}
        items={[
          {
            key: 'code',
            label: '统一社会信用代码',
            children: (
              <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                {entity.creditCode}
              </Typography.Text>
            ),
          },
          { key: 'type', label: '主体类型', children: ENTITY_TYPE_LABELS[entity.type] },
          {
            key: 'industry',
            label: '行业',
            children: entity.industryCode ? `${entity.industryName ?? ''}（${entity.industryCode}）` : '—',
          },
          { key: 'region', label: '所属区划', children: `${entity.countyName ?? ''} ${entity.regionName}` },
          { key: 'address', label: '住所', span: 2, children: dash(entity.address) },
          { key: 'legal', label: '法定代表人', children: dash(entity.legalRepresentative) },
          { key: 'established', label: '成立日期', children: dash(entity.establishedOn) },
          { key: 'status', label: '登记状态', children: <Tag color={STATUS_COLORS[entity.status]}>{ENTITY_STATUS_LABELS[entity.status]}</Tag> },
          {
            key: 'lists',
            label: '特殊名录',
            children:
              entity.specialLists.length === 0
                ? '未列入'
                : entity.specialLists.map((l) => (
                    <Tag key={l} color="red">
                      {SPECIAL_LIST_LABELS[l]}
                    </Tag>
                  )),
          },
          { key: 'updated', label: '最近更新', children: new Date(entity.updatedAt).toLocaleString('zh-CN', { hour12: false }) },
        ]}
      />
    </Card>
  );
}

interface RecordActions<T> {
  canEdit: boolean;
  onEdit: (record: T) => void;
  onDelete: (record: T) => void;
}

function LicenceTable({ entity, actions, onAdd }: { entity: Detail; actions: RecordActions<Licence>; onAdd: () => void }) {
  return (
    <Card
      title={`许可证（${entity.licences.length}）`}
      extra={
        actions.canEdit ? (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            新增许可证
          </Button>
        ) : null
      }
    >
      <Table<Licence>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={entity.licences}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无许可证" /> }}
        columns={[
          {
            title: '许可证',
            key: 'kind',
            render: (_v, l) => (
              <Flex vertical gap={0}>
                <span>{LICENCE_KIND_LABELS[l.kind]}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.productCategory}
                  {l.issuer ? ` · ${l.issuer}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: '证书编号',
            dataIndex: 'number',
            width: 180,
            render: (v: string) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{v}</span>,
          },
          {
            title: '有效期至',
            key: 'expiresOn',
            width: 150,
            render: (_v, l) => {
              const tone = licenceExpiryTone(l);
              return (
                <Flex gap={4} wrap align="center">
                  <span>{l.expiresOn}</span>
                  {tone ? <Tag color={tone.color}>{tone.text}</Tag> : null}
                </Flex>
              );
            },
          },
          {
            title: '状态',
            key: 'status',
            width: 72,
            render: (_v, l) => <Tag color={l.status === 'valid' ? 'green' : 'default'}>{LICENCE_STATUS_LABELS[l.status]}</Tag>,
          },
          ...(actions.canEdit
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 110,
                  render: (_v: unknown, l: Licence) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => actions.onEdit(l)}>
                        编辑
                      </Button>
                      <Popconfirm
                        title={`删除许可证 ${l.number}？`}
                        description="仅用于删除录入有误的记录；吊销、注销请改状态。"
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => actions.onDelete(l)}
                      >
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function CertificationTable({ entity, actions, onAdd }: { entity: Detail; actions: RecordActions<Certification>; onAdd: () => void }) {
  return (
    <Card
      title={`认证（${entity.certifications.length}）`}
      extra={
        actions.canEdit ? (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            新增认证
          </Button>
        ) : null
      }
    >
      <Table<Certification>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={entity.certifications}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无认证" /> }}
        columns={[
          {
            title: '认证',
            key: 'kind',
            render: (_v, c) => (
              <Flex vertical gap={0}>
                <span>{CERTIFICATION_KIND_LABELS[c.kind]}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.issuer}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: '证书编号',
            dataIndex: 'number',
            width: 180,
            render: (v: string) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{v}</span>,
          },
          {
            title: '有效期',
            key: 'dates',
            width: 200,
            render: (_v, c) => (
              <Flex gap={4} wrap align="center">
                <span style={{ whiteSpace: 'nowrap' }}>
                  {c.issuedOn} 至 {c.expiresOn ?? '长期'}
                </span>
                {c.expired ? <Tag color="red">已过期</Tag> : null}
              </Flex>
            ),
          },
          {
            title: '状态',
            key: 'status',
            width: 72,
            render: (_v, c) => <Tag color={c.status === 'valid' ? 'green' : 'default'}>{CERTIFICATION_STATUS_LABELS[c.status]}</Tag>,
          },
          ...(actions.canEdit
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 110,
                  render: (_v: unknown, c: Certification) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => actions.onEdit(c)}>
                        编辑
                      </Button>
                      <Popconfirm
                        title={`删除证书 ${c.number}？`}
                        description="仅用于删除录入有误的记录；撤销、暂停请改状态。"
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => actions.onDelete(c)}
                      >
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** 主体档案: basic information, licences, certifications and the timeline. */
export default function EntityDetail() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const localise = useLocalise();
  const entity = useEntity(id);
  const [editing, setEditing] = useState(false);
  const [licence, setLicence] = useState<{ record: Licence | null } | null>(null);
  const [certification, setCertification] = useState<{ record: Certification | null } | null>(null);
  const removeLicence = useEntityMutation(deleteLicence);
  const removeCertification = useEntityMutation(deleteCertification);
  const fail = (error: Error) => message.error(localise(error.message));

  if (entity.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  if (entity.isError) {
    if (isApiError(entity.error) && entity.error.status === 404) {
      return (
        <Card>
          <Result
            status="404"
            title="市场主体不存在"
            subTitle="该主体不存在，或不在您的管辖范围内。"
            extra={
              <Link to="/entities">
                <Button type="primary">返回名录</Button>
              </Link>
            }
          />
        </Card>
      );
    }
    return <ErrorAlert error={entity.error} title="主体信息加载失败" onRetry={() => void entity.refetch()} />;
  }
  const e = entity.data;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <Flex vertical gap={6}>
            <Link to="/entities">
              <ArrowLeftOutlined /> 市场主体名录
            </Link>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {e.name}
              </Typography.Title>
              <Tag color={STATUS_COLORS[e.status]}>{ENTITY_STATUS_LABELS[e.status]}</Tag>
              {e.specialLists.map((l) => (
                <Tag key={l} color="red">
                  {SPECIAL_LIST_LABELS[l]}
                </Tag>
              ))}
              <EntityCreditTag entityId={e.id} />
              <DemoTag demo={e.isDemo} />
            </Flex>
            <Typography.Text type="secondary">
              {e.creditCode} · {ENTITY_TYPE_LABELS[e.type]} · {e.countyName} {e.regionName}
            </Typography.Text>
          </Flex>
          {e.canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑主体信息
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <BasicInfo entity={e} />
            <LicenceTable
              entity={e}
              onAdd={() => setLicence({ record: null })}
              actions={{
                canEdit: e.canEdit,
                onEdit: (record) => setLicence({ record }),
                onDelete: (record) => removeLicence.mutate(record.id, { onSuccess: () => message.success('已删除'), onError: fail }),
              }}
            />
            <CertificationTable
              entity={e}
              onAdd={() => setCertification({ record: null })}
              actions={{
                canEdit: e.canEdit,
                onEdit: (record) => setCertification({ record }),
                onDelete: (record) => removeCertification.mutate(record.id, { onSuccess: () => message.success('已删除'), onError: fail }),
              }}
            />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <EntityTimeline key={e.id} entity={e} />
        </Col>
      </Row>
      {e.canEdit ? <EntityFormModal open={editing} entity={e} onClose={() => setEditing(false)} /> : null}
      {licence ? <LicenceModal entityId={e.id} licence={licence.record} open onClose={() => setLicence(null)} /> : null}
      {certification ? <CertificationModal entityId={e.id} certification={certification.record} open onClose={() => setCertification(null)} /> : null}
    </Flex>
  );
}
