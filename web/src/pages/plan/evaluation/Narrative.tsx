import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { type Evaluation, updateEvaluation, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';

/** The evaluation's written part; editable by the city bureau while the evaluation is a draft. */
export function Narrative({ evaluation, canEdit }: { evaluation: Evaluation; canEdit: boolean }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [draft, setDraft] = useState<{ title: string; narrative: string } | null>(null);
  const save = usePlanMutation((input: { title: string; narrative: string }) => updateEvaluation(evaluation.id, input));
  const editable = canEdit && evaluation.status === 'draft';

  return (
    <Card
      size="small"
      title="评估说明"
      extra={
        editable && !draft ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setDraft({ title: evaluation.title, narrative: evaluation.narrative })}>
            编辑
          </Button>
        ) : null
      }
    >
      {draft ? (
        <Flex vertical gap={8}>
          <Input aria-label="标题" value={draft.title} maxLength={200} onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
          <Input.TextArea
            aria-label="评估说明"
            rows={8}
            value={draft.narrative}
            maxLength={20000}
            onChange={(event) => setDraft({ ...draft, narrative: event.target.value })}
          />
          <Flex gap={8}>
            <Button
              type="primary"
              loading={save.isPending}
              disabled={!draft.title.trim()}
              onClick={() =>
                save.mutate(
                  { title: draft.title.trim(), narrative: draft.narrative },
                  {
                    onSuccess: () => {
                      message.success('已保存');
                      setDraft(null);
                    },
                    onError: (error) => message.error(`保存失败：${localise(error.message)}`),
                  },
                )
              }
            >
              保存
            </Button>
            <Button onClick={() => setDraft(null)}>取消</Button>
          </Flex>
        </Flex>
      ) : evaluation.narrative ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{evaluation.narrative}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">尚未填写评估说明</Typography.Text>
      )}
    </Card>
  );
}
