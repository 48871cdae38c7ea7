import { App, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useMemo } from 'react';
import { isApiError } from '../../../api/client';
import { createPlan, type Plan, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { PLAN_CODE_PATTERN, type PlanFormValues, periodProblem, planFieldErrors, planFormToInput, suggestNextPlan } from './plan-form';

interface CreatePlanModalProps {
  open: boolean;
  /** existing plans: the form suggests the period after the latest one */
  plans: readonly Plan[];
  onClose: () => void;
  onCreated: (plan: Plan) => void;
}

const yearInput = <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />;

/** 新建规划: a new plan starts with no indicators; they are added one by one or imported from Excel. */
export function CreatePlanModal(props: CreatePlanModalProps) {
  // A fresh form for every opening, so the suggestion follows the plans as they are now.
  return <PlanModal key={props.open ? 'open' : 'closed'} {...props} />;
}

function PlanModal({ open, plans, onClose, onCreated }: CreatePlanModalProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<PlanFormValues>();
  const initialValues = useMemo(() => suggestNextPlan(plans), [plans]);
  const create = usePlanMutation(createPlan);

  const submit = (values: PlanFormValues) => {
    const problem = periodProblem(values);
    if (problem) {
      form.setFields([{ name: problem.field, errors: [problem.message] }]);
      return;
    }
    create.mutate(planFormToInput(values), {
      onSuccess: (plan) => {
        message.success(`已创建规划 ${plan.name}，请继续添加或导入指标`);
        onCreated(plan);
        onClose();
      },
      onError: (error) => {
        const fields = isApiError(error) ? planFieldErrors(error, localise) : [];
        if (fields.length > 0) form.setFields(fields);
        else message.error(`创建失败：${localise(error.message)}`);
      },
    });
  };

  return (
    <Modal
      open={open}
      title="新建规划"
      okText="创建"
      cancelText="取消"
      width={640}
      destroyOnHidden
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<PlanFormValues> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={submit}>
        <Form.Item
          name="name"
          label="规划名称"
          rules={[
            { required: true, whitespace: true, message: '请输入规划名称' },
            { max: 200, message: '不超过 200 字' },
          ]}
        >
          <Input placeholder="如 湖州市质量发展“十五五”规划（2026～2030年）" />
        </Form.Item>
        <Form.Item
          name="code"
          label="规划编码"
          extra="小写字母、数字和连字符，3–64 位，创建后不能修改，如 huzhou-quality-2026-2030"
          normalize={(value: string) => value.toLowerCase()}
          rules={[
            { required: true, message: '请输入规划编码' },
            { pattern: PLAN_CODE_PATTERN, message: '只能包含小写字母 a–z、数字和 -，以字母或数字开头，3–64 位' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="baseYear" label="基期年" extra="基期值所在年份" rules={[{ required: true, message: '请输入基期年' }]}>
              {yearInput}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="startYear" label="起始年" rules={[{ required: true, message: '请输入起始年' }]}>
              {yearInput}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="endYear" label="结束年" rules={[{ required: true, message: '请输入结束年' }]}>
              {yearInput}
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="sourceNote" label="来源说明" rules={[{ max: 500, message: '不超过 500 字' }]}>
          <Input.TextArea rows={3} placeholder="如 湖州市市场监督管理局 2026年×月印发；指标见规划表1" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
