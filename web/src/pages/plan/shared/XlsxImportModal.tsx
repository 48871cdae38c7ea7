import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Modal, Radio, Table, type TableColumnsType, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { type ImportCellError, type ImportMode, type ImportReport, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { fileToBase64 } from './files';

const MODE_OPTIONS: { value: ImportMode; label: string }[] = [
  { value: 'all_or_nothing', label: '全部校验通过才导入' },
  { value: 'valid_only', label: '仅导入有效行' },
];

interface ImportIssuesProps<E> {
  errors: E[];
  warnings: { row: number; message: string }[];
  errorKey: (error: E) => string;
  errorColumns: TableColumnsType<E>;
  /** Set false to hide the page-size changer of the error table. */
  showSizeChanger?: false;
  warningsMaxHeight?: number;
}

/** The per-cell error table (or "all rows pass") and the warnings of an import report: shared by the xlsx imports. */
export function ImportIssues<E extends object>({ errors, warnings, errorKey, errorColumns, showSizeChanger, warningsMaxHeight = 160 }: ImportIssuesProps<E>) {
  const localise = useLocalise();
  return (
    <>
      {errors.length > 0 ? (
        <Table<E>
          rowKey={errorKey}
          size="small"
          title={() => <Typography.Text type="danger">共 {errors.length} 处错误</Typography.Text>}
          dataSource={errors}
          pagination={{ pageSize: 8, hideOnSinglePage: true, ...(showSizeChanger === false ? { showSizeChanger } : {}) }}
          columns={errorColumns}
        />
      ) : (
        <Alert type="success" showIcon title="全部行校验通过" />
      )}
      {warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`${warnings.length} 条提示（不影响导入）`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: warningsMaxHeight, overflow: 'auto' }}>
              {warnings.map((warning) => (
                <li key={`${warning.row}:${warning.message}`}>
                  第 {warning.row} 行：{localise(warning.message)}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </>
  );
}

export function ReportView({ report }: { report: ImportReport }) {
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
          { key: 'imported', label: '已导入', children: report.rowsImported },
        ]}
      />
      <ImportIssues<ImportCellError>
        errors={report.errors}
        warnings={report.warnings}
        errorKey={(error) => `${error.cell}:${error.rule}:${error.message}`}
        errorColumns={[
          { title: '行', dataIndex: 'row', width: 60 },
          { title: '单元格', dataIndex: 'cell', width: 80 },
          { title: '字段', dataIndex: 'field', width: 110 },
          { title: '错误说明', key: 'message', render: (_v, error) => localise(error.message) },
        ]}
      />
    </Flex>
  );
}

interface XlsxImportModalProps {
  open: boolean;
  title: string;
  /** What to upload and what happens to it. */
  intro: ReactNode;
  /** Sends the file; `dryRun` true checks without writing anything. */
  upload: (input: { fileBase64: string; mode: ImportMode; dryRun: boolean }) => Promise<ImportReport>;
  /** The success message after a confirmed import. */
  imported: (report: ImportReport) => string;
  /** Shown when a checked file may be imported. */
  ready?: (report: ImportReport) => string;
  onClose: () => void;
}

/** An xlsx import: check first (dry run, nothing written), then confirm; per-cell errors as a table. */
export function XlsxImportModal({ open, title, intro, upload, imported, ready, onClose }: XlsxImportModalProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [checked, setChecked] = useState<{ report: ImportReport; fileBase64: string; mode: ImportMode } | null>(null);
  // A dry run writes nothing, so it refreshes no queries; the confirmed import goes through usePlanMutation.
  const dryRun = useMutation({ mutationFn: (input: { fileBase64: string; mode: ImportMode }) => upload({ ...input, dryRun: true }) });
  const commit = usePlanMutation((input: { fileBase64: string; mode: ImportMode }) => upload({ ...input, dryRun: false }));

  const reset = () => {
    setFile(null);
    setChecked(null);
    dryRun.reset();
    commit.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const check = async () => {
    if (!file) return;
    const fileBase64 = await fileToBase64(file);
    dryRun.mutate({ fileBase64, mode }, { onSuccess: (report) => setChecked({ report, fileBase64, mode }) });
  };
  const canCommit = !!checked && checked.mode === mode && checked.report.rowsValid > 0 && (mode === 'valid_only' || checked.report.errors.length === 0);

  const confirm = () => {
    if (!checked) return;
    commit.mutate(
      { fileBase64: checked.fileBase64, mode },
      {
        onSuccess: (report) => {
          message.success(imported(report));
          close();
        },
        onError: (error) => message.error(`导入失败：${localise(error.message)}`),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={title}
      width={760}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          取消
        </Button>,
        <Button key="check" onClick={() => void check()} disabled={!file} loading={dryRun.isPending}>
          校验
        </Button>,
        <Button key="confirm" type="primary" onClick={confirm} disabled={!canCommit} loading={commit.isPending}>
          确认导入
        </Button>,
      ]}
    >
      <Flex vertical gap={16}>
        {intro}
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setChecked(null);
            return false;
          }}
          onRemove={() => reset()}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 .xlsx 文件</p>
        </Upload.Dragger>
        <Flex gap={12} align="center" wrap>
          <Typography.Text>导入方式：</Typography.Text>
          <Radio.Group
            value={mode}
            onChange={(event) => {
              setMode(event.target.value);
              setChecked(null);
            }}
            options={MODE_OPTIONS}
          />
        </Flex>
        {dryRun.isError ? <Alert type="error" showIcon title={`校验失败：${localise(dryRun.error.message)}`} /> : null}
        {checked ? <ReportView report={checked.report} /> : null}
        {checked && !canCommit ? (
          <Alert
            type="warning"
            showIcon
            title={
              checked.report.rowsValid === 0 ? '没有可导入的有效行' : '存在错误，“全部校验通过才导入”方式下不能导入；请修正后重新校验，或改为“仅导入有效行”'
            }
          />
        ) : null}
        {canCommit && checked && ready ? <Alert type="info" showIcon title={ready(checked.report)} /> : null}
      </Flex>
    </Modal>
  );
}
