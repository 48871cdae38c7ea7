import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import {
  issueSample,
  notifySample,
  recordRetestResult,
  requestRetest,
  type SampleDetail,
  type TestItem,
  useSamplingMutation,
  type Verdict,
} from '../../../api/sampling';
import { useLocalise } from '../../../i18n';
import { type FieldErrors, fieldErrorsFrom } from '../../../lib/form-errors';
import { limitText, RETEST_RULE_LABELS, resultText, VERDICT_LABELS } from '../labels';

const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : '');
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Server errors: on the form's fields when they name one (`onFields`), else one message. */
function useErrorHandler<F extends string>(fields: readonly F[], onFields: (errors: FieldErrors<F>[]) => void) {
  const { message } = App.useApp();
  const localise = useLocalise();
  return (error: Error) => {
    const fieldErrors = isApiError(error) ? fieldErrorsFrom(error, fields, localise) : [];
    if (fieldErrors.length > 0) onFields(fieldErrors);
    else message.error(localise(error.message));
  };
}

interface ModalProps {
  sample: SampleDetail;
  onClose: () => void;
}

interface IssueForm {
  reportNo: string;
  reportDate?: Dayjs;
  notifiedOn?: Dayjs;
  overriding: boolean;
  conclusion?: Verdict;
  reason?: string;
}

/** 出具检验结论: report number and date; optionally the day the enterprise received it; an override needs a reason. */
export function IssueModal({ sample, onClose }: ModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueForm>();
  const overriding = Form.useWatch('overriding', form) ?? false;
  const chosen = Form.useWatch('conclusion', form);
  const conclusion = overriding ? chosen : sample.computedConclusion;
  const issue = useSamplingMutation((values: IssueForm) =>
    issueSample(sample.id, {
      reportNo: values.reportNo.trim(),
      reportDate: day(values.reportDate),
      notifiedOn: values.notifiedOn ? day(values.notifiedOn) : null,
      override: values.overriding && values.conclusion ? { conclusion: values.conclusion, reason: values.reason ?? '' } : null,
    }),
  );
  const onError = useErrorHandler(['reportNo', 'reportDate', 'notifiedOn', 'conclusion', 'reason'] as const, (f) => form.setFields(f));
  return (
    <Modal
      open
      title={`出具检验结论：${sample.sampleNo}`}
      okText="出具结论"
      cancelText="取消"
      confirmLoading={issue.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<IssueForm>
        form={form}
        layout="vertical"
        initialValues={{ reportNo: '', reportDate: dayjs(), overriding: false }}
        onFinish={(values) =>
          issue.mutate(values, {
            onSuccess: (s) => {
              message.success(s.status === 'final' ? '已出具结论：合格（最终结论）' : '已出具结论：不合格，进入复检申请期');
              onClose();
            },
            onError,
          })
        }
      >
        <Alert
          type={conclusion === 'fail' ? 'error' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          title={`将出具的结论：${conclusion ? VERDICT_LABELS[conclusion] : '—'}`}
          description={
            conclusion === 'fail'
              ? `不合格结论送达企业后，企业可在${RETEST_RULE_LABELS[sample.retestRule].split('：')[1] ?? ''}申请复检；期满未申请或复检后方为最终结论。`
              : '合格结论出具即为最终结论，记入企业时间轴。'
          }
        />
        <Form.Item name="reportNo" label="检验报告编号" rules={[{ required: true, whitespace: true, message: '请输入报告编号' }]}>
          <Input placeholder="如 (2026)湖质检字第 00123 号" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="reportDate" label="报告日期" rules={[{ required: true, message: '请选择报告日期' }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
          {conclusion === 'fail' ? (
            <Form.Item name="notifiedOn" label="企业收到结论日期（可稍后登记）">
              <DatePicker disabledDate={notFuture} />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item name="overriding" label="改判（与检验项目得出的结论不同）" valuePropName="checked">
          <Checkbox />
        </Form.Item>
        {overriding ? (
          <>
            <Form.Item name="conclusion" label="改判为" rules={[{ required: true, message: '请选择结论' }]}>
              <Radio.Group
                options={(['pass', 'fail'] as const).filter((v) => v !== sample.computedConclusion).map((v) => ({ value: v, label: VERDICT_LABELS[v] }))}
              />
            </Form.Item>
            <Form.Item name="reason" label="改判理由（记入审计日志）" rules={[{ required: true, whitespace: true, message: '改判须说明理由' }]}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 登记送达: the day the enterprise received the 不合格 result; the 复检 window starts from it. */
export function NotifyModal({ sample, onClose }: ModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ notifiedOn?: Dayjs }>();
  const notify = useSamplingMutation((d: string) => notifySample(sample.id, d));
  const onError = useErrorHandler(['notifiedOn'] as const, (f) => form.setFields(f));
  return (
    <Modal
      open
      title="登记结论送达日期"
      okText="登记"
      cancelText="取消"
      confirmLoading={notify.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">复检申请期限自企业收到检验结论之日起算（{RETEST_RULE_LABELS[sample.retestRule]}）。</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ notifiedOn: dayjs() }}
        onFinish={(v) =>
          notify.mutate(day(v.notifiedOn), {
            onSuccess: () => {
              message.success('已登记送达日期');
              onClose();
            },
            onError,
          })
        }
      >
        <Form.Item name="notifiedOn" label="企业收到检验结论日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={notFuture} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 复检申请: an enterprise files it today; an officer records a paper application with its date. */
export function RetestRequestModal({ sample, onClose, enterprise }: ModalProps & { enterprise: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ requestedOn?: Dayjs; note?: string }>();
  const request = useSamplingMutation((v: { requestedOn?: Dayjs; note?: string }) =>
    requestRetest(sample.id, { ...(enterprise || !v.requestedOn ? {} : { requestedOn: day(v.requestedOn) }), note: v.note?.trim() || null }),
  );
  const onError = useErrorHandler(['requestedOn', 'note'] as const, (f) => form.setFields(f));
  return (
    <Modal
      open
      title={enterprise ? '申请复检' : '登记企业复检申请'}
      okText={enterprise ? '提交申请' : '登记'}
      cancelText="取消"
      confirmLoading={request.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`复检申请期至 ${sample.retestWindow?.lastDay ?? '（待定）'}`}
        description={`${RETEST_RULE_LABELS[sample.retestRule]}。复检针对不合格项目，使用备样进行，复检结论为最终结论。`}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ requestedOn: dayjs() }}
        onFinish={(v) =>
          request.mutate(v, {
            onSuccess: () => {
              message.success('复检申请已登记');
              onClose();
            },
            onError,
          })
        }
      >
        {enterprise ? null : (
          <Form.Item name="requestedOn" label="收到书面申请日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        )}
        <Form.Item name="note" label={enterprise ? '异议说明' : '备注'}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={enterprise ? '对哪些项目、因何有异议' : ''} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RetestRow {
  item: TestItem;
  value?: number | null;
  text?: string;
  verdict?: Verdict | 'auto';
}

/** 复检结果: the failing items re-tested on the reserve sample; the re-test conclusion is final. */
export function RetestResultModal({ sample, onClose }: ModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lab: string; reportNo: string; reportDate?: Dayjs }>();
  const failing = sample.items.filter((i) => i.verdict === 'fail');
  const [rows, setRows] = useState<RetestRow[]>((failing.length > 0 ? failing : sample.items).map((item) => ({ item, verdict: 'auto' })));
  const record = useSamplingMutation((v: { lab: string; reportNo: string; reportDate?: Dayjs }) =>
    recordRetestResult(sample.id, {
      lab: v.lab.trim(),
      reportNo: v.reportNo.trim(),
      reportDate: day(v.reportDate),
      items: rows.map((r) => ({
        itemId: r.item.id,
        resultValue: typeof r.value === 'number' ? r.value : null,
        resultText: r.text?.trim() || null,
        verdict: r.verdict === 'pass' || r.verdict === 'fail' ? r.verdict : null,
      })),
    }),
  );
  const onError = useErrorHandler(['lab', 'reportNo', 'reportDate'] as const, (f) => form.setFields(f));
  const set = (i: number, patch: Partial<RetestRow>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <Modal
      open
      width={860}
      title="录入复检结果"
      okText="确定复检结论"
      cancelText="取消"
      confirmLoading={record.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ lab: '', reportNo: '', reportDate: dayjs() }}
        onFinish={(v) =>
          record.mutate(v, {
            onSuccess: (s) => {
              message.success(`复检结论：${s.retestConclusion ? VERDICT_LABELS[s.retestConclusion] : '—'}（最终结论）`);
              onClose();
            },
            onError,
          })
        }
      >
        <Space size={16} wrap align="start">
          <Form.Item name="lab" label="复检机构" rules={[{ required: true, whitespace: true, message: '请输入复检机构' }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="reportNo" label="复检报告编号" rules={[{ required: true, whitespace: true, message: '请输入报告编号' }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="reportDate" label="复检报告日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        </Space>
      </Form>
      <Table<RetestRow>
        size="small"
        pagination={false}
        rowKey={(r) => r.item.id}
        dataSource={rows}
        columns={[
          { title: '检验项目', key: 'name', render: (_v, r) => r.item.name },
          { title: '标准要求', key: 'limit', render: (_v, r) => limitText(r.item) },
          { title: '初检结果', key: 'first', render: (_v, r) => resultText(r.item.resultValue, r.item.resultText, r.item.unit) },
          {
            title: '复检实测值',
            key: 'value',
            width: 130,
            render: (_v, r, i) => (
              <InputNumber aria-label={`${r.item.name} 复检实测值`} value={r.value ?? null} onChange={(value) => set(i, { value })} style={{ width: '100%' }} />
            ),
          },
          {
            title: '文字结果',
            key: 'text',
            width: 130,
            render: (_v, r, i) => <Input aria-label={`${r.item.name} 复检文字结果`} value={r.text} onChange={(e) => set(i, { text: e.target.value })} />,
          },
          {
            title: '判定',
            key: 'verdict',
            width: 110,
            render: (_v, r, i) => (
              <Select
                aria-label={`${r.item.name} 复检判定`}
                value={r.verdict}
                onChange={(verdict) => set(i, { verdict })}
                style={{ width: '100%' }}
                options={[
                  { value: 'auto', label: '按限值' },
                  { value: 'pass', label: '合格' },
                  { value: 'fail', label: '不合格' },
                ]}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
