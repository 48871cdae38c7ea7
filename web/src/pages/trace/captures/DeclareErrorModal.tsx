import { Alert, App, Descriptions, Flex, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { buildErrorDeclaration, ERROR_REASON_LABEL, ERROR_REASONS, type ErrorReason } from '../../../../../common/trace-error-declaration.ts';
import { type EpcisEvent, useCaptureOneEvent } from '../../../api/trace';
import { useLocalise } from '../../../i18n';
import { type LocationNames, locationText } from '../shared/codes';
import { type EventRow, eventKindText } from '../shared/events';

export interface DeclaredEvent {
  /** the event as the query returned it, every member */
  event: EpcisEvent & Record<string, unknown>;
  /** the query document's @context (the event's extension namespaces) */
  context: unknown;
  row: EventRow;
}

interface DeclareErrorModalProps {
  target: DeclaredEvent | null;
  names?: LocationNames;
  onClose: () => void;
  /** after the declaration is stored; `reason` says whether a corrected event should be recorded next */
  onDeclared: (reason: ErrorReason) => void;
}

/**
 * 声明有误: an enterprise withdraws an event it recorded wrongly, the EPCIS 2.0 way (§7.4.1.2): the event is sent again
 * under its eventID with an errorDeclaration (common/trace-error-declaration.ts). Nothing is deleted — traces keep the
 * event marked 已声明有误 — and the consumer page stops showing it. The declaration time is fixed when the dialog opens,
 * so a repeated submission is the same declaration and is stored once.
 */
export function DeclareErrorModal({ target, names, onClose, onDeclared }: DeclareErrorModalProps) {
  const localise = useLocalise();
  const { message } = App.useApp();
  const [reason, setReason] = useState<ErrorReason>('incorrect_data');
  const [declarationTime, setDeclarationTime] = useState(() => new Date().toISOString());
  const capture = useCaptureOneEvent();

  useEffect(() => {
    if (!target) return;
    setReason('incorrect_data');
    setDeclarationTime(new Date().toISOString());
    capture.reset();
  }, [target, capture.reset]);

  const declare = () => {
    if (!target) return;
    capture.mutate(buildErrorDeclaration({ event: target.event, reason, declarationTime, context: target.context }), {
      onSuccess: () => {
        message.success(`已声明该事件有误：${target.row.bizStepLabel} · ${target.row.timeText}`);
        onDeclared(reason);
      },
    });
  };

  const row = target?.row;
  return (
    <Modal
      title="声明事件有误"
      open={target !== null}
      onCancel={onClose}
      onOk={declare}
      okText="确认声明"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={capture.isPending}
      destroyOnHidden
      width={600}
    >
      {row ? (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            bordered
            column={1}
            styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'step', label: '业务步骤', children: `${row.bizStepLabel}${row.dispositionLabel ? `（${row.dispositionLabel}）` : ''}` },
              { key: 'kind', label: '事件类型', children: eventKindText(row) },
              { key: 'time', label: '发生时间', children: row.timeText },
              { key: 'where', label: '发生地点', children: locationText(row.location, names) },
              { key: 'id', label: '事件 ID', children: <Typography.Text copyable>{row.eventID}</Typography.Text> },
            ]}
          />
          <Flex vertical gap={4}>
            <Typography.Text id="declare-error-reason">原因</Typography.Text>
            <Radio.Group
              aria-labelledby="declare-error-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              options={ERROR_REASONS.map((value) => ({ value, label: ERROR_REASON_LABEL[value] }))}
            />
          </Flex>
          <Typography.Text type="secondary">
            声明后，该事件仍保留在追溯记录中并标注“已声明有误”，消费者扫码页面不再显示；声明不能撤回。
            {reason === 'incorrect_data' ? '声明后可接着登记内容正确的事件。' : ''}
          </Typography.Text>
          {capture.error ? <Alert type="error" showIcon title={`声明未保存：${localise(capture.error.message)}`} /> : null}
        </Flex>
      ) : null}
    </Modal>
  );
}
