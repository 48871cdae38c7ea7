import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Radio, Typography, Upload } from 'antd';
import { useState } from 'react';
import { type ImportMode, type ImportReport, importIndicators, type Plan, planFiles, useIndicatorImportDryRun, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { ReportView } from '../entry/ImportModal';
import { fileToBase64 } from '../shared/files';

const MODE_OPTIONS: { value: ImportMode; label: string }[] = [
  { value: 'all_or_nothing', label: '全部校验通过才导入' },
  { value: 'valid_only', label: '仅导入有效行' },
];

interface ImportIndicatorsModalProps {
  plan: Pick<Plan, 'id' | 'name' | 'startYear' | 'endYear'>;
  open: boolean;
  onClose: () => void;
}

/**
 * The indicator list workbook into a plan (how the 2026–2030 plan is entered from Excel): check first
 * (dry run, nothing written), then confirm. Rows are matched by 编码: new codes are added, known ones updated.
 */
export function ImportIndicatorsModal({ plan, open, onClose }: ImportIndicatorsModalProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [checked, setChecked] = useState<{ report: ImportReport; fileBase64: string; mode: ImportMode } | null>(null);
  const dryRun = useIndicatorImportDryRun();
  const commit = usePlanMutation((input: { fileBase64: string; mode: ImportMode }) => importIndicators(plan.id, { ...input, dryRun: false }));

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
    dryRun.mutate({ planId: plan.id, fileBase64, mode, dryRun: true }, { onSuccess: (report) => setChecked({ report, fileBase64, mode }) });
  };
  const canCommit = !!checked && checked.mode === mode && checked.report.rowsValid > 0 && (mode === 'valid_only' || checked.report.errors.length === 0);

  const confirm = () => {
    if (!checked) return;
    commit.mutate(
      { fileBase64: checked.fileBase64, mode },
      {
        onSuccess: (report) => {
          message.success(`已导入 ${report.rowsImported} 项指标`);
          close();
        },
        onError: (error) => message.error(`导入失败：${localise(error.message)}`),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={`导入指标表 · ${plan.name}`}
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
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          使用“导出指标表”得到的工作簿（工作表“指标清单”，各列填写要求见“说明”工作表）。按“编码”匹配：新编码新增指标，已有编码更新其定义。
          从上一期规划导出的表，请先把目标值、目标年（{plan.startYear}–{plan.endYear}）和基期值改为本规划的数值。区县责任单位不在表中，导入后逐项“编辑”填写。
          <Typography.Link href={planFiles.indicatorsXlsx(plan.id)} download style={{ marginInlineStart: 8 }}>
            下载本规划当前的指标表
          </Typography.Link>
        </Typography.Paragraph>
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
        {canCommit ? <Alert type="info" showIcon title={`校验通过，确认后将导入 ${checked?.report.rowsValid ?? 0} 项指标（新增或更新）`} /> : null}
      </Flex>
    </Modal>
  );
}
