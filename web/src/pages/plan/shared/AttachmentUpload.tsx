import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { planFiles, useUploadAttachment } from '../../../api/plan';
import { useLocalise } from '../../../i18n';
import { contentTypeOf, fileToBase64, MAX_ATTACHMENT_BYTES } from './files';
import { formatBytes } from './format';

export interface AttachmentRef {
  id: string;
  fileName: string;
  sizeBytes: number;
}

/** Uploads one supporting file (≤ 5 MB) right away and hands back its id; shows the current one as a link. */
export function AttachmentUpload({ value, onChange }: { value: AttachmentRef | null; onChange: (value: AttachmentRef | null) => void }) {
  const { message } = App.useApp();
  const localise = useLocalise();
  const upload = useUploadAttachment();
  return (
    <Flex gap={8} align="center" wrap>
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > MAX_ATTACHMENT_BYTES) {
            message.error('附件不能超过 5 MB');
            return Upload.LIST_IGNORE;
          }
          void fileToBase64(file).then((contentBase64) =>
            upload.mutate(
              { fileName: file.name, contentType: contentTypeOf(file), contentBase64 },
              {
                onSuccess: (saved) => onChange({ id: saved.id, fileName: saved.fileName, sizeBytes: saved.sizeBytes }),
                onError: (error) => message.error(`附件上传失败：${localise(error.message)}`),
              },
            ),
          );
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending}>
          {value ? '更换附件' : '上传附件'}
        </Button>
      </Upload>
      {value ? (
        <Typography.Text>
          <PaperClipOutlined />{' '}
          <a href={planFiles.attachment(value.id)} target="_blank" rel="noreferrer">
            {value.fileName}
          </a>{' '}
          <Typography.Text type="secondary">({formatBytes(value.sizeBytes)})</Typography.Text>{' '}
          <Button type="link" size="small" danger onClick={() => onChange(null)}>
            移除
          </Button>
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">可选，PDF/图片/Excel，不超过 5 MB</Typography.Text>
      )}
    </Flex>
  );
}
