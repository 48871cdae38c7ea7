import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Modal, Progress, Radio, Typography, Upload } from 'antd';
import { useState } from 'react';
import { type EntityImportError, type EntityImportReport, entityKeys, importEntities, importTemplateUrl, type UploadProgress } from '../../api/entities';
import { useLocalise } from '../../i18n';
import { fileToBase64 } from '../plan/shared/files';
import { ImportIssues } from '../plan/shared/XlsxImportModal';

type Mode = EntityImportReport['mode'];

const MODE_OPTIONS: { value: Mode; label: string }[] = [
  { value: 'all_or_nothing', label: '全部校验通过才导入' },
  { value: 'valid_only', label: '仅导入有效行' },
];

export function ImportReportView({ report }: { report: EntityImportReport }) {
  const localise = useLocalise();
  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        bordered
        column={3}
        items={[
          { key: 'read', label: '读取行数', children: report.rowsRead },
          { key: 'valid', label: '有效行数', children: report.rowsValid },
          {
            key: 'bad',
            label: '有错误的行',
            children: (
              <Typography.Text type={report.rowsRead - report.rowsValid > 0 ? 'danger' : undefined}>{report.rowsRead - report.rowsValid}</Typography.Text>
            ),
          },
          { key: 'created', label: report.dryRun ? '将新增主体' : '新增主体', children: report.created },
          { key: 'updated', label: report.dryRun ? '将合并更新' : '合并更新', children: report.updated },
          { key: 'unchanged', label: '已登记且无变化', children: report.unchanged },
        ]}
      />
      <ImportIssues<EntityImportError>
        errors={report.errors}
        warnings={report.warnings}
        errorKey={(e) => `${e.row}:${e.column}:${e.rule}`}
        errorColumns={[
          { title: '行', dataIndex: 'row', width: 56 },
          { title: '列', key: 'column', width: 180, render: (_v, e) => (e.header ? `${e.column} · ${e.header}` : e.column) },
          { title: '错误说明', key: 'message', render: (_v, e) => localise(e.message) },
        ]}
        showSizeChanger={false}
        warningsMaxHeight={140}
      />
    </Flex>
  );
}

function ProgressLine({ progress }: { progress: UploadProgress }) {
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">
        {progress.phase === 'uploading' ? `正在上传文件… ${progress.percent}%` : '文件已上传，服务器正在逐行校验…'}
      </Typography.Text>
      <Progress percent={progress.percent} status="active" showInfo={progress.phase === 'uploading'} />
    </Flex>
  );
}

/** Bulk import: check first (dry run, nothing written), then confirm; per-row errors; upload progress. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [checked, setChecked] = useState<{ report: EntityImportReport; fileBase64: string; mode: Mode } | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setChecked(null);
    setProgress(null);
    setFailure(null);
  };
  const close = () => {
    if (busy) return;
    reset();
    onClose();
  };

  const run = async (dryRun: boolean, fileBase64: string) => {
    setBusy(dryRun ? 'check' : 'commit');
    setFailure(null);
    try {
      return await importEntities({ fileBase64, fileName: file?.name ?? 'import', mode, dryRun }, setProgress);
    } catch (error) {
      setFailure(`${dryRun ? '校验' : '导入'}失败：${localise(error instanceof Error ? error.message : String(error))}`);
      return null;
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const check = async () => {
    if (!file) return;
    const fileBase64 = await fileToBase64(file);
    const report = await run(true, fileBase64);
    if (report) setChecked({ report, fileBase64, mode });
  };

  const canCommit =
    !!checked && checked.mode === mode && checked.report.created + checked.report.updated > 0 && (mode === 'valid_only' || checked.report.errors.length === 0);

  const confirm = async () => {
    if (!checked) return;
    const report = await run(false, checked.fileBase64);
    if (!report) return;
    await client.invalidateQueries({ queryKey: entityKeys.all });
    message.success(
      `导入完成：新增 ${report.created} 户，合并更新 ${report.updated} 户${report.errors.length > 0 ? `，${report.errors.length} 处错误未导入` : ''}`,
    );
    reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title="批量导入市场主体"
      width={820}
      onCancel={close}
      maskClosable={!busy}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close} disabled={!!busy}>
          取消
        </Button>,
        <Button key="check" onClick={() => void check()} disabled={!file || !!busy} loading={busy === 'check'}>
          校验
        </Button>,
        <Button key="confirm" type="primary" onClick={() => void confirm()} disabled={!canCommit || !!busy} loading={busy === 'commit'}>
          确认导入
        </Button>,
      ]}
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }}>
          上传按 <a href={importTemplateUrl('xlsx')}>导入模板</a> 填写的 .xlsx 或 .csv 文件（CSV 可为 UTF-8 或 GBK 编码）。先“校验”，确认无误后再“确认导入”；
          已登记的统一社会信用代码按合并处理（更新非空单元格并记入时间轴），不会重复登记。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          disabled={!!busy}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setChecked(null);
            setFailure(null);
            return false;
          }}
          onRemove={() => reset()}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 .xlsx / .csv 文件</p>
        </Upload.Dragger>
        <Flex gap={12} align="center" wrap>
          <Typography.Text>导入方式：</Typography.Text>
          <Radio.Group
            value={mode}
            disabled={!!busy}
            onChange={(event) => {
              setMode(event.target.value);
              setChecked(null);
            }}
            options={MODE_OPTIONS}
          />
        </Flex>
        {progress ? <ProgressLine progress={progress} /> : null}
        {failure ? <Alert type="error" showIcon title={failure} /> : null}
        {checked ? <ImportReportView report={checked.report} /> : null}
        {checked && !canCommit ? (
          <Alert
            type="warning"
            showIcon
            title={
              checked.report.created + checked.report.updated === 0
                ? checked.report.errors.length === 0
                  ? '文件中的主体均已登记且信息无变化，无需导入'
                  : '没有可导入的有效行'
                : '存在错误，“全部校验通过才导入”方式下不会导入任何一行；请修正后重新校验，或改为“仅导入有效行”'
            }
          />
        ) : null}
        {canCommit && checked ? (
          <Alert
            type="info"
            showIcon
            title={`校验通过：确认后将新增 ${checked.report.created} 户、合并更新 ${checked.report.updated} 户，在同一事务中写入。`}
          />
        ) : null}
      </Flex>
    </Modal>
  );
}
