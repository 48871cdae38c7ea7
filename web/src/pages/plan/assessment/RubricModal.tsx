import { Alert, App, Flex, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { type AssessmentResult, type Indicator, type ProgressStatus, putRubric, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { STATUS_LABEL, STATUS_ORDER } from '../shared/labels';
import { cleanWeights, completeStatusPoints, totalWeight, weightRows } from './rubric';

interface RubricModalProps {
  planId: string;
  year: number;
  result: AssessmentResult;
  indicators: readonly Indicator[];
  open: boolean;
  onClose: () => void;
}

/** Weights per indicator and the share of a weight each status earns; saving stores a new rubric version. */
export function RubricModal({ planId, year, result, indicators, open, onClose }: RubricModalProps) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const { rubric } = result;
  const [weights, setWeights] = useState<Record<string, number | null>>(() => ({ ...rubric.weights }));
  const [points, setPoints] = useState<Partial<Record<ProgressStatus, number | null>>>(() => ({ ...rubric.statusPoints }));
  const [note, setNote] = useState(rubric.version > 0 ? (rubric.note ?? '') : '');
  const save = usePlanMutation(() =>
    putRubric(planId, year, { weights: cleanWeights(weights), statusPoints: completeStatusPoints(points), note: note.trim() || null }),
  );
  const rows = weightRows(indicators, { ...rubric, weights: cleanWeights(weights) });

  return (
    <Modal
      open={open}
      title={`编辑 ${year} 年考核评分细则（${rubric.version > 0 ? `当前第 ${rubric.version} 版` : '当前为默认细则'}）`}
      width={820}
      okText="保存为新版本"
      cancelText="取消"
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
      onCancel={onClose}
      onOk={() =>
        save.mutate(undefined, {
          onSuccess: (saved) => {
            message.success(`评分细则已保存为第 ${saved.version} 版，得分已重新计算`);
            onClose();
          },
          onError: (error) => message.error(`保存失败：${localise(error.message)}`),
        })
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text strong>各状态得分比例（0–1，乘以指标权重即得分）</Typography.Text>
        <Flex gap={12} wrap>
          {STATUS_ORDER.map((status) => (
            <Flex key={status} vertical gap={4}>
              <Typography.Text type="secondary">{STATUS_LABEL[status]}</Typography.Text>
              <InputNumber
                aria-label={`${STATUS_LABEL[status]}得分比例`}
                min={0}
                max={1}
                step={0.1}
                style={{ width: 80 }}
                value={points[status] ?? null}
                onChange={(value) => setPoints((current) => ({ ...current, [status]: value }))}
              />
            </Flex>
          ))}
        </Flex>
        <Typography.Text strong>指标权重（分）：合计 {totalWeight(weights)} 分</Typography.Text>
        {indicators.length === 0 ? <Alert type="warning" showIcon title="指标列表未加载" /> : null}
        <Table
          rowKey={(row) => row.indicator.id}
          size="small"
          pagination={false}
          scroll={{ y: 320 }}
          dataSource={rows}
          columns={[
            { title: '编号', key: 'code', width: 64, render: (_v, row) => row.indicator.code },
            { title: '指标', key: 'name', render: (_v, row) => row.indicator.name },
            {
              title: '权重',
              key: 'weight',
              width: 120,
              render: (_v, row) => (
                <InputNumber
                  aria-label={`${row.indicator.name}权重`}
                  min={0}
                  step={0.5}
                  size="small"
                  style={{ width: 90 }}
                  value={weights[row.indicator.id] ?? null}
                  onChange={(value) => setWeights((current) => ({ ...current, [row.indicator.id]: value }))}
                />
              ),
            },
          ]}
        />
        <Input.TextArea
          aria-label="修订说明"
          rows={2}
          placeholder="修订说明（可选）"
          value={note}
          maxLength={500}
          onChange={(event) => setNote(event.target.value)}
        />
      </Flex>
    </Modal>
  );
}
