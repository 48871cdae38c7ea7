import { App, Button, Flex, Input, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { addProjectUpdate, type KeyProject, PROJECT_STATUSES, type ProjectStatus, planFiles, usePlanMutation } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { shanghaiTime } from '../../../lib/time';
import { type AttachmentRef, AttachmentUpload } from '../shared/AttachmentUpload';
import { PROJECT_STATUS } from '../shared/labels';

/** Progress reports on the project, newest first, and the form to add one (optionally moving the status). */
export function Updates({ project, canAdd }: { project: KeyProject; canAdd: boolean }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const [content, setContent] = useState('');
  const [statusAfter, setStatusAfter] = useState<ProjectStatus | undefined>(undefined);
  const [attachment, setAttachment] = useState<AttachmentRef | null>(null);
  const add = usePlanMutation(() =>
    addProjectUpdate(project.id, { content: content.trim(), ...(statusAfter ? { statusAfter } : {}), ...(attachment ? { attachmentId: attachment.id } : {}) }),
  );
  const updates = [...(project.updates ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Flex vertical gap={12}>
      {canAdd ? (
        <Flex vertical gap={8} style={{ padding: 12, background: '#fafafa', borderRadius: 4 }}>
          <Input.TextArea
            aria-label="进展情况"
            rows={3}
            placeholder="本期推进情况"
            value={content}
            maxLength={5000}
            onChange={(event) => setContent(event.target.value)}
          />
          <Flex gap={8} wrap align="center">
            <Select
              aria-label="更新后状态"
              allowClear
              placeholder="状态不变"
              style={{ width: 140 }}
              value={statusAfter}
              onChange={setStatusAfter}
              options={PROJECT_STATUSES.map((status) => ({ value: status, label: `改为${PROJECT_STATUS[status].text}` }))}
            />
            <AttachmentUpload value={attachment} onChange={setAttachment} />
          </Flex>
          <div>
            <Button
              type="primary"
              disabled={!content.trim()}
              loading={add.isPending}
              onClick={() =>
                add.mutate(undefined, {
                  onSuccess: () => {
                    message.success('已添加进展');
                    setContent('');
                    setStatusAfter(undefined);
                    setAttachment(null);
                  },
                  onError: (error) => message.error(`添加失败：${localise(error.message)}`),
                })
              }
            >
              添加进展
            </Button>
          </div>
        </Flex>
      ) : null}
      {updates.length === 0 ? <Typography.Text type="secondary">尚无进展记录</Typography.Text> : null}
      {updates.map((update) => (
        <Flex key={update.id} vertical gap={4} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {shanghaiTime(update.createdAt)} · {update.createdBy ?? '—'}
            </Typography.Text>
            {update.statusAfter ? <Tag color={PROJECT_STATUS[update.statusAfter].color}>状态改为{PROJECT_STATUS[update.statusAfter].text}</Tag> : null}
          </Flex>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{update.content}</Typography.Paragraph>
          {update.attachment ? (
            <a href={planFiles.attachment(update.attachment.id)} target="_blank" rel="noreferrer">
              附件：{update.attachment.fileName}
            </a>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}
