import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Divider, Flex, Form, Input, Modal, Radio, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  evidenceUrl,
  RESULT_CATEGORIES,
  type ResultCategory,
  recordResult,
  type TaskTarget,
  updateFollowUp,
  uploadEvidence,
  useInspectionMutation,
} from '../../../api/inspections';
import { useLocalise } from '../../../i18n';
import { showFormError } from '../../../lib/form-errors';
import { RESULT_CATEGORY_LABELS } from '../labels';

interface ResultForm {
  category: ResultCategory;
  findings?: string;
  inspectedOn: Dayjs;
  rectificationDue?: Dayjs | null;
  recheckOn?: Dayjs | null;
  recheckResult?: string;
}

const FIELDS = ['category', 'findings', 'inspectedOn', 'rectificationDue', 'recheckOn', 'recheckResult'] as const;
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * 录入检查结果 (谁检查、谁录入): the category, what was found, the day, evidence files (≤ 5 MB each, SHA-256 kept)
 * and the follow-up (整改期限, 复查). Works on a phone: one column, large controls.
 */
export function ResultModal({ target, onClose }: { target: TaskTarget | null; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<ResultForm>();
  const category = Form.useWatch('category', form);
  const save = useInspectionMutation(async (v: ResultForm) => {
    if (!target) throw new Error('no target');
    const saved = await recordResult(target.id, { category: v.category, findings: v.findings?.trim() || null, inspectedOn: day(v.inspectedOn) ?? '' });
    return updateFollowUp(saved.id, { rectificationDue: day(v.rectificationDue), recheckOn: day(v.recheckOn), recheckResult: v.recheckResult?.trim() || null });
  });
  const upload = useInspectionMutation(async (file: File) => {
    if (!target) throw new Error('no target');
    return uploadEvidence(target.id, { fileName: file.name, contentType: file.type || 'application/octet-stream', contentBase64: await readBase64(file) });
  });

  const submit = (v: ResultForm) =>
    save.mutate(v, {
      onSuccess: () => {
        message.success(`已保存 ${target?.entityName} 的检查结果`);
        onClose();
      },
      onError: (error) => {
        showFormError(error, form, FIELDS, localise, (text) => message.error(text));
      },
    });

  const initial: Partial<ResultForm> = target
    ? {
        category: target.result?.category,
        findings: target.result?.findings ?? undefined,
        inspectedOn: target.result ? dayjs(target.result.inspectedOn) : dayjs(),
        rectificationDue: target.followUp.rectificationDue ? dayjs(target.followUp.rectificationDue) : null,
        recheckOn: target.followUp.recheckOn ? dayjs(target.followUp.recheckOn) : null,
        recheckResult: target.followUp.recheckResult ?? undefined,
      }
    : {};
  const needsFollowUp = category !== undefined && category !== 'no_problem' && category !== 'no_activity';

  return (
    <Modal
      title={target ? `检查结果：${target.entityName}` : ''}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存结果"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {target ? (
        <Form<ResultForm> key={target.id} form={form} layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {target.creditCode} · {target.regionName} · 检查人员：{target.inspectors.map((i) => i.name).join('、')}
          </Typography.Paragraph>
          <Form.Item name="category" label="检查结果" rules={[{ required: true, message: '请选择检查结果' }]}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              options={RESULT_CATEGORIES.map((c) => ({ value: c, label: RESULT_CATEGORY_LABELS[c] }))}
            />
          </Form.Item>
          <Form.Item
            name="findings"
            label="检查情况"
            rules={[{ required: category !== undefined && category !== 'no_problem', whitespace: true, message: '发现问题时请写明检查情况' }, { max: 4000 }]}
          >
            <Input.TextArea rows={3} placeholder={category === 'no_problem' ? '可不填' : '写明发现的问题、依据和处理措施'} />
          </Form.Item>
          <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
            <DatePicker size="large" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          {needsFollowUp ? (
            <>
              <Divider titlePlacement="start" plain>
                后续处理
              </Divider>
              <Flex gap={12} wrap>
                <Form.Item name="rectificationDue" label="整改期限" style={{ flex: '1 1 200px' }}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="recheckOn" label="复查日期" style={{ flex: '1 1 200px' }}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Flex>
              <Form.Item name="recheckResult" label="复查情况" rules={[{ max: 2000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
          <Divider titlePlacement="start" plain>
            证据材料
          </Divider>
          <Flex vertical gap={6}>
            {target.evidence.map((e) => (
              <Typography.Text key={e.id}>
                <PaperClipOutlined /> <a href={evidenceUrl(e.id)}>{e.fileName}</a>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {sizeText(e.sizeBytes)} · SHA-256 {e.sha256.slice(0, 12)}…
                </Typography.Text>
              </Typography.Text>
            ))}
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                if (file.size > EVIDENCE_MAX_BYTES) {
                  message.error(`${file.name} 超过 5 MB，请压缩后上传`);
                  return Upload.LIST_IGNORE;
                }
                upload.mutate(file, {
                  onSuccess: (saved) => message.success(`已上传 ${saved.fileName}`),
                  onError: (error) => message.error(localise(error.message)),
                });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending}>
                上传照片或文件（每个不超过 5 MB）
              </Button>
            </Upload>
          </Flex>
        </Form>
      ) : null}
    </Modal>
  );
}
