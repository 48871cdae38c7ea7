import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { createEvaluation, EVALUATION_KINDS, type EvaluationKind, type Plan, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { planYears } from '../shared/format';
import { EVALUATION_KIND_LABEL } from '../shared/labels';

interface CreateForm {
  kind: EvaluationKind;
  dataYear: number;
  asOf: Dayjs;
  title: string;
  narrative?: string;
}

function suggestedTitle(plan: Plan, kind: EvaluationKind, year: number): string {
  return kind === 'annual' ? `${plan.name}${year}年度评估` : `${plan.name}${EVALUATION_KIND_LABEL[kind]}`;
}

/** A new evaluation starts as a draft showing live figures; it is frozen later on its own page. */
export function CreateEvaluationModal({ plan, defaultYear, open, onClose }: { plan: Plan; defaultYear: number; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateForm>();
  const create = usePlanMutation((input: CreateForm) =>
    createEvaluation(plan.id, {
      kind: input.kind,
      dataYear: input.dataYear,
      asOf: input.asOf.format('YYYY-MM-DD'),
      title: input.title.trim(),
      narrative: input.narrative?.trim() ?? '',
    }),
  );
  return (
    <Modal
      open={open}
      title="新建评估"
      okText="创建"
      cancelText="取消"
      width={640}
      destroyOnHidden
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'annual', dataYear: defaultYear, asOf: dayjs(), title: suggestedTitle(plan, 'annual', defaultYear) }}
        onValuesChange={(changed, all) => {
          if ('kind' in changed || 'dataYear' in changed) form.setFieldValue('title', suggestedTitle(plan, all.kind, all.dataYear));
        }}
        onFinish={(input) =>
          create.mutate(input, {
            onSuccess: (evaluation) => {
              message.success('评估已创建（草稿）');
              onClose();
              navigate(`/plan/evaluations/${evaluation.id}`);
            },
            onError: (error) => message.error(`创建失败：${localise(error.message)}`),
          })
        }
      >
        <Form.Item name="kind" label="评估类型" rules={[{ required: true }]}>
          <Select options={EVALUATION_KINDS.map((kind) => ({ value: kind, label: EVALUATION_KIND_LABEL[kind] }))} />
        </Form.Item>
        <Form.Item name="dataYear" label="数据年度" rules={[{ required: true }]}>
          <Select options={planYears(plan).map((year) => ({ value: year, label: `${year}年` }))} />
        </Form.Item>
        <Form.Item name="asOf" label="数据截止日期" rules={[{ required: true, message: '请选择截止日期' }]} extra="只采用此日期前已审定的数据">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请输入标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="narrative" label="评估说明">
          <Input.TextArea rows={5} maxLength={20000} placeholder="总体评价、主要成效、存在问题和下一步举措" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
