import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Drawer, Flex, Form, Input, InputNumber, Modal, Row, Select, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { periodOf } from '../../../../../common/credit-risk/period.ts';
import { CERTIFICATION_KINDS } from '../../../../../common/entity-api.ts';
import { CERTIFICATION_KIND_LABELS } from '../../../../../common/entity-labels.ts';
import { todayInShanghai } from '../../../../../common/sampling/dates.ts';
import { isApiError } from '../../../api/client';
import { CREDIT_CLASSES, type CreditFactor, type CreditModel, createCreditModel, useCreditMutation } from '../../../api/credit';
import { useLocalise } from '../../../i18n';
import { CLASS_COLORS, CLASS_TAG_COLORS, CREDIT_CLASS_LABELS, CREDIT_FACTOR_LABELS, describeFactorRule } from './labels';
import {
  classBands,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  describeModelChanges,
  type FieldIssues,
  type ModelFormValues,
  modelFormIssues,
  publishEffects,
  serverFieldIssues,
  staleServerIssues,
  toModelForm,
  toModelInput,
} from './model-form';

type Path = (string | number)[];

const BAND_LIMIT = 10;

/** One factor: its name and the rule of the version being revised on the left, its numbers on the right. */
function FactorRow({ factor, base, changed, children }: { factor: CreditFactor; base: CreditModel; changed: boolean; children: ReactNode }) {
  return (
    <Row gutter={16} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0', background: changed ? '#fffbe6' : undefined }}>
      <Col span={7}>
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{CREDIT_FACTOR_LABELS[factor]}</Typography.Text>
          {changed ? (
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              已修改
            </Tag>
          ) : null}
        </Flex>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            第 {base.version} 版：{describeFactorRule(base, factor)}
          </Typography.Text>
        </div>
      </Col>
      <Col span={17}>
        <Flex gap={12} wrap align="flex-start">
          {children}
        </Flex>
      </Col>
    </Row>
  );
}

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 24 }}>
      <Flex justify="space-between" align="baseline" style={{ borderBottom: '2px solid #1677ff1f', paddingBottom: 6, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </section>
  );
}

interface CreditModelFormDrawerProps {
  /** The version the form starts from (the active one); null: closed. */
  base: CreditModel | null;
  onClose: () => void;
  onPublished: (model: CreditModel) => void;
}

/**
 * 新建版本: a new credit-risk model version, prefilled from the active one. The inline checks are the
 * server's own (validateCreditModel and createModel's description rule); a 400 lands on the field it names.
 */
export function CreditModelFormDrawer({ base, onClose, onPublished }: CreditModelFormDrawerProps) {
  if (!base) return null;
  return <FormDrawer key={base.version} base={base} onClose={onClose} onPublished={onPublished} />;
}

function FormDrawer({ base, onClose, onPublished }: { base: CreditModel; onClose: () => void; onPublished: (model: CreditModel) => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [form] = Form.useForm<ModelFormValues>();
  const initial = useMemo(() => toModelForm(base), [base]);
  const [values, setValues] = useState<ModelFormValues>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [descriptionTouched, setDescriptionTouched] = useState(false);
  const [server, setServer] = useState<{ issues: FieldIssues; sent: ModelFormValues } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const publish = useCreditMutation(createCreditModel);
  const period = periodOf(todayInShanghai());

  const issues = useMemo(() => modelFormIssues(values), [values]);
  const serverIssues = useMemo(() => (server ? staleServerIssues(server.issues, server.sent, values) : {}), [server, values]);
  const draft = useMemo(() => {
    const { description: _description, ...spec } = toModelInput(values);
    return spec;
  }, [values]);
  const draftValid = Object.keys(issues).every((k) => k === 'description');
  const changes = useMemo(() => (draftValid ? describeModelChanges(base, draft) : []), [draftValid, base, draft]);

  const changedFactor = (factor: CreditFactor) => draftValid && describeFactorRule(base, factor) !== describeFactorRule(draft, factor);

  const messagesAt = (key: string): string[] => {
    const shown = key === 'description' ? submitted || descriptionTouched : true;
    return [...(shown ? (issues[key] ?? []) : []), ...(serverIssues[key] ?? [])].map(localise);
  };
  /** validateStatus/help of the field at `path` (a server detail or an inline issue on exactly that field). */
  const check = (path: Path) => {
    const list = messagesAt(path.join('.'));
    return list.length > 0 ? { validateStatus: 'error' as const, help: list.join('；') } : {};
  };
  const groupMessages = (key: string) => messagesAt(key);

  const num = (path: Path, label: string, aria: string, suffix?: string, placeholder?: string) => (
    <Form.Item name={path} label={label} style={{ marginBottom: 4, minWidth: 132 }} {...check(path)}>
      <InputNumber aria-label={aria} precision={0} suffix={suffix} placeholder={placeholder} style={{ width: 132 }} />
    </Form.Item>
  );
  const countFactor = (factor: CreditFactor, unit: string, windowed: boolean) => (
    <FactorRow key={factor} factor={factor} base={base} changed={changedFactor(factor)}>
      {num(['factors', factor, 'pointsEach'], `每${unit}分值`, `${CREDIT_FACTOR_LABELS[factor]} 每${unit}分值`, '分')}
      {num(['factors', factor, 'maxPoints'], '最多计', `${CREDIT_FACTOR_LABELS[factor]} 最多计分`, '分')}
      {windowed ? num(['factors', factor, 'windowMonths'], '统计期', `${CREDIT_FACTOR_LABELS[factor]} 统计期`, '个月') : null}
    </FactorRow>
  );
  const listFactor = (factor: 'abnormal_operation' | 'serious_violation') => (
    <FactorRow key={factor} factor={factor} base={base} changed={changedFactor(factor)}>
      {num(['factors', factor, 'points'], '分值', `${CREDIT_FACTOR_LABELS[factor]} 分值`, '分')}
      <Form.Item name={['factors', factor, 'minClass']} label="在列期间至少为" style={{ marginBottom: 4 }} {...check(['factors', factor, 'minClass'])}>
        <Select
          aria-label={`${CREDIT_FACTOR_LABELS[factor]} 最低类别`}
          style={{ width: 170 }}
          options={[{ value: 'none', label: '不设下限（按分值）' }, ...CREDIT_CLASSES.map((c) => ({ value: c, label: `${c} 类 ${CREDIT_CLASS_LABELS[c]}` }))]}
        />
      </Form.Item>
    </FactorRow>
  );

  const onSubmit = () => {
    setSubmitted(true);
    if (Object.keys(issues).length > 0) {
      message.error('请先改正标红的项');
      requestAnimationFrame(() =>
        document.querySelector('.credit-model-form .ant-form-item-has-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
      );
      return;
    }
    setConfirming(true);
  };

  const doPublish = () => {
    const sent = values;
    publish.mutate(toModelInput(sent), {
      onSuccess: (saved) => {
        setConfirming(false);
        message.success(`已发布评分模型第 ${saved.version} 版，自 ${saved.effectiveFrom.slice(0, 7)} 期起生效`);
        onPublished(saved);
      },
      onError: (error) => {
        setConfirming(false);
        const placed = isApiError(error) ? serverFieldIssues(error) : {};
        if (Object.keys(placed).length > 0) {
          setServer({ issues: placed, sent });
          message.error('服务器未接受，请按标红的项改正');
          requestAnimationFrame(() =>
            document.querySelector('.credit-model-form .ant-form-item-has-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
          );
        } else message.error(`发布失败：${localise(error.message)}`);
      },
    });
  };

  const bands = draftValid ? classBands(draft.thresholds) : null;
  const changeSummary = changes.length > 0 ? `第 ${base.version + 1} 版修订（${period}）：${changes.join('；')}。理由：` : '';

  return (
    <Drawer
      open
      onClose={onClose}
      size={920}
      title={`新建评分模型版本 · 第 ${base.version + 1} 版`}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">
            {changes.length > 0 ? `与第 ${base.version} 版相比改动 ${changes.length} 项` : `与第 ${base.version} 版的取值相同`}
          </Typography.Text>
          <Flex gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" onClick={onSubmit} loading={publish.isPending}>
              发布新版本…
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 20 }}
        title={`以第 ${base.version} 版为基础修改，发布后自 ${period} 期起生效`}
        description="所有取值是本平台的文档化选择（非法规规定）。发布不会自动重新计算，本月已有结果在下次计算时才按新版本更新；各项的允许范围与服务器校验一致。"
      />
      {groupMessages('_form').length > 0 ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={groupMessages('_form').join('；')} /> : null}
      <Form<ModelFormValues>
        form={form}
        className="credit-model-form"
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        onValuesChange={(changed) => {
          if ('description' in changed) setDescriptionTouched(true);
          setValues(form.getFieldsValue(true));
        }}
      >
        <Section title="基础分与分类分界" extra={<Typography.Text type="secondary">风险分 = 基础分 + 各因子分值</Typography.Text>}>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="baseScore" label="基础分" {...check(['baseScore'])}>
                <InputNumber aria-label="基础分" precision={0} suffix="分" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {(['A', 'B', 'C'] as const).map((c) => (
              <Col span={6} key={c}>
                <Form.Item
                  name={['thresholds', c]}
                  label={
                    <span>
                      <span style={{ color: CLASS_COLORS[c], fontWeight: 600 }}>{c} 类</span>最高分
                    </span>
                  }
                  {...check(['thresholds', c])}
                >
                  <InputNumber aria-label={`${c} 类最高分`} precision={0} suffix="分" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {groupMessages('thresholds').length > 0 ? (
            <Typography.Text type="danger" role="alert">
              {groupMessages('thresholds').join('；')}
            </Typography.Text>
          ) : null}
          <Flex gap={8} wrap style={{ marginTop: 4 }} aria-label="分类分界预览">
            {CREDIT_CLASSES.map((c) => (
              <Tag key={c} color={CLASS_TAG_COLORS[c]} style={{ marginInlineEnd: 0, padding: '2px 10px' }}>
                {c} 类 {CREDIT_CLASS_LABELS[c]}：{bands ? bands[c] : '—'}
              </Tag>
            ))}
          </Flex>
        </Section>

        <Section title="评分因子" extra={<Typography.Text type="secondary">正分加重风险，负分减轻风险</Typography.Text>}>
          {countFactor('sampling_failures', '次', true)}
          {countFactor('penalties', '次', true)}
          {listFactor('abnormal_operation')}
          {listFactor('serious_violation')}
          {countFactor('complaints', '件', true)}
          {countFactor('licence_expired', '张', false)}
          {countFactor('licence_revoked', '张', false)}
          <FactorRow factor="years_in_business" base={base} changed={changedFactor('years_in_business')}>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Form.List name={['factors', 'years_in_business', 'bands']}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, i) => (
                      <Flex key={field.key} gap={12} align="flex-start">
                        <Form.Item
                          name={[field.name, 'fromYears']}
                          label={i === 0 ? '自（成立满）' : undefined}
                          style={{ marginBottom: 4 }}
                          {...check(['factors', 'years_in_business', 'bands', i, 'fromYears'])}
                        >
                          <InputNumber aria-label={`成立年限 第 ${i + 1} 档起始年数`} precision={0} suffix="年起" style={{ width: 132 }} />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'points']}
                          label={i === 0 ? '分值' : undefined}
                          style={{ marginBottom: 4 }}
                          {...check(['factors', 'years_in_business', 'bands', i, 'points'])}
                        >
                          <InputNumber aria-label={`成立年限 第 ${i + 1} 档分值`} precision={0} suffix="分" style={{ width: 132 }} />
                        </Form.Item>
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label={`删除第 ${i + 1} 档`}
                          disabled={fields.length <= 1}
                          onClick={() => remove(field.name)}
                          style={{ marginTop: i === 0 ? 30 : 0 }}
                        />
                      </Flex>
                    ))}
                    {groupMessages('factors.years_in_business.bands').length > 0 ? (
                      <Typography.Text type="danger" role="alert">
                        {groupMessages('factors.years_in_business.bands').join('；')}
                      </Typography.Text>
                    ) : null}
                    <Button
                      type="dashed"
                      size="small"
                      icon={<PlusOutlined />}
                      disabled={fields.length >= BAND_LIMIT}
                      onClick={() => add({ fromYears: null, points: 0 })}
                      style={{ width: 276 }}
                    >
                      添加分档（最多 {BAND_LIMIT} 档）
                    </Button>
                  </>
                )}
              </Form.List>
              {num(['factors', 'years_in_business', 'unknownPoints'], '成立日期不详', '成立日期不详 分值', '分')}
            </Flex>
          </FactorRow>
          <FactorRow factor="certifications" base={base} changed={changedFactor('certifications')}>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Row gutter={[12, 0]}>
                {CERTIFICATION_KINDS.map((kind) => (
                  <Col span={12} key={kind}>
                    <Form.Item
                      name={['factors', 'certifications', 'pointsByKind', kind]}
                      label={CERTIFICATION_KIND_LABELS[kind]}
                      style={{ marginBottom: 4 }}
                      {...check(['factors', 'certifications', 'pointsByKind', kind])}
                    >
                      <InputNumber
                        aria-label={`${CERTIFICATION_KIND_LABELS[kind]} 分值`}
                        precision={0}
                        suffix="分"
                        placeholder="不计分"
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              {num(['factors', 'certifications', 'minPoints'], '合计最多减', '有效认证 合计下限', '分')}
            </Flex>
          </FactorRow>
        </Section>

        <Section
          title="修订说明"
          extra={
            <Flex gap={4}>
              <Button size="small" type="link" disabled={changeSummary === ''} onClick={() => insertText(changeSummary)}>
                插入改动摘要
              </Button>
              <Button size="small" type="link" onClick={() => insertText(base.description)}>
                引用第 {base.version} 版说明
              </Button>
            </Flex>
          }
        >
          <Form.Item
            name="description"
            label={`修改了什么、依据和理由（至少 ${DESCRIPTION_MIN} 字；发布后作为第 ${base.version + 1} 版的“依据与取值说明”）`}
            {...check(['description'])}
          >
            <Input.TextArea
              aria-label="修订说明"
              autoSize={{ minRows: 5, maxRows: 14 }}
              maxLength={DESCRIPTION_MAX}
              showCount
              placeholder="例如：根据 2026 年全市执法数据评估，将列入严重违法失信名单的分值由 +50 调整为 +60，其余取值沿用上一版。依据：国市监信发〔2022〕6号……"
            />
          </Form.Item>
        </Section>
      </Form>

      <Modal
        open={confirming}
        title={`发布评分模型第 ${base.version + 1} 版？`}
        okText="确认发布"
        cancelText="再看看"
        okButtonProps={{ loading: publish.isPending }}
        onOk={doPublish}
        onCancel={() => setConfirming(false)}
        width={620}
      >
        <Flex vertical gap={12}>
          <div>
            <Typography.Text strong>与第 {base.version} 版相比</Typography.Text>
            {changes.length > 0 ? (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {changes.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <Typography.Paragraph type="warning" style={{ margin: '4px 0 0' }}>
                评分取值没有改动，只更新说明。
              </Typography.Paragraph>
            )}
          </div>
          <Alert
            type="warning"
            showIcon
            title="发布后"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {publishEffects(period, base.version).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            }
          />
        </Flex>
      </Modal>
    </Drawer>
  );

  function insertText(text: string) {
    const current = form.getFieldValue('description');
    const before = typeof current === 'string' ? current.trimEnd() : '';
    form.setFieldValue('description', before ? `${before}\n\n${text}` : text);
    setDescriptionTouched(true);
    setValues(form.getFieldsValue(true));
  }
}
