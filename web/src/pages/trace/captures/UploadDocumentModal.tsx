import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Descriptions, Flex, Modal, Radio, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { CAPTURE_ERROR_BEHAVIOURS, EPCIS_MAX_DOCUMENT_BYTES } from '../../../../../common/trace-api.ts';
import { type CaptureAccepted, type CaptureErrorBehaviour, useCaptureDocument } from '../../../api/trace';
import { useLocalise } from '../../../i18n';
import { formatBytes } from '../../plan/shared/format';
import { ERROR_BEHAVIOUR_LABEL, refusedCount } from './labels';
import { type DocumentFile, describeDocumentFile, readDocumentFile } from './upload';

interface UploadDocumentModalProps {
  open: boolean;
  onClose: () => void;
  onUploaded: (job: CaptureAccepted) => void;
}

/**
 * 上传 EPCIS 文件: an EPCISDocument exported by an enterprise's own system (or written by hand), sent to
 * POST /epcis/capture as a machine client would send it. The file is read and checked in the browser first
 * (size, JSON, what it holds); the server validates it against the EPCIS 2.0 schema and stores it whole or not at all —
 * or, when the enterprise chooses 合格事件入库 (GS1-Capture-Error-Behaviour: proceed), the events that may be stored,
 * refusing the others one by one.
 */
export function UploadDocumentModal({ open, onClose, onUploaded }: UploadDocumentModalProps) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [file, setFile] = useState<DocumentFile | null>(null);
  const [behaviour, setBehaviour] = useState<CaptureErrorBehaviour>('rollback');
  const capture = useCaptureDocument();

  useEffect(() => {
    if (open) return;
    setFile(null);
    setBehaviour('rollback');
    capture.reset();
  }, [open, capture.reset]);

  const upload = () => {
    if (!file?.document) return;
    capture.mutate(
      { document: file.document, errorBehaviour: behaviour },
      {
        onSuccess: (job) => {
          const duplicates = job.duplicateCount > 0 ? `，${job.duplicateCount} 个此前已上报（未重复保存）` : '';
          const refused = refusedCount(job);
          if (job.success) message.success(`已入库 ${job.storedCount} 个事件${duplicates}`);
          else if (job.storedCount + job.duplicateCount > 0)
            message.warning(`部分入库：已入库 ${job.storedCount} 个事件${duplicates}，${refused} 个被退回，原因见详情`);
          else message.error(`没有事件入库：${refused} 个事件均被退回，原因见详情`);
          onUploaded(job);
        },
      },
    );
  };

  const error = capture.error;
  return (
    <Modal
      title="上传 EPCIS 文件"
      open={open}
      onCancel={onClose}
      onOk={upload}
      okText="上传"
      cancelText="取消"
      okButtonProps={{ disabled: !file?.document }}
      confirmLoading={capture.isPending}
      destroyOnHidden
      width={640}
    >
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">EPCIS 2.0 JSON / JSON-LD 格式的 EPCISDocument（企业系统导出，或按接口文档编写）。</Typography.Text>
        <Upload.Dragger
          accept=".json,.jsonld,application/json,application/ld+json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(chosen) => {
            capture.reset();
            void readDocumentFile(chosen).then(setFile);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入文件</p>
          <p className="ant-upload-hint">.json 或 .jsonld，不超过 {formatBytes(EPCIS_MAX_DOCUMENT_BYTES)}</p>
        </Upload.Dragger>
        <Flex vertical gap={4}>
          <Typography.Text id="upload-error-behaviour">文件中有错误时</Typography.Text>
          <Radio.Group
            aria-labelledby="upload-error-behaviour"
            value={behaviour}
            onChange={(e) => {
              setBehaviour(e.target.value);
              capture.reset();
            }}
            options={CAPTURE_ERROR_BEHAVIOURS.map((value) => ({ value, label: ERROR_BEHAVIOUR_LABEL[value] }))}
          />
          <Typography.Text type="secondary">
            {behaviour === 'rollback'
              ? '有一处错误则整份退回，不会只存一部分；适合一批相互关联的事件（如同一批次的生产、装箱、发货）。'
              : '符合标准、地点属于本企业的事件入库，有误的事件逐个退回并列出原因；改正后可重新上传整份文件，已入库的不会重复保存。'}
          </Typography.Text>
        </Flex>
        {file ? (
          file.problem ? (
            <Alert type="error" showIcon title={`${file.name}：${file.problem}`} />
          ) : (
            <Descriptions size="small" column={1} bordered items={describeDocumentFile(file).map(([label, children]) => ({ key: label, label, children }))} />
          )
        ) : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            title={`文件被退回，没有保存任何事件：${localise(error.message)}`}
            description={
              'details' in error && Array.isArray(error.details) && error.details.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {error.details.slice(0, 10).map((d, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, shown once in its order
                    <li key={i}>
                      {d.field ? <Typography.Text code>{d.field}</Typography.Text> : null} {localise(d.message ?? d.rule ?? '')}
                    </li>
                  ))}
                  {error.details.length > 10 ? <li>另有 {error.details.length - 10} 处问题</li> : null}
                </ul>
              ) : undefined
            }
          />
        ) : null}
      </Flex>
    </Modal>
  );
}
