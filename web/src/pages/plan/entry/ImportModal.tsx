import { Typography } from 'antd';
import { importValues } from '../../../api/plan';
import { XlsxImportModal } from '../shared/XlsxImportModal';

interface ImportModalProps {
  planId: string;
  year: number;
  regionCode: string;
  regionName: string;
  open: boolean;
  onClose: () => void;
}

/** The filled-in values template of one region and year; imported values are drafts. */
export function ImportModal({ planId, year, regionCode, regionName, open, onClose }: ImportModalProps) {
  return (
    <XlsxImportModal
      open={open}
      title={`导入Excel · ${regionName} ${year}年`}
      intro={<Typography.Text type="secondary">请使用“下载模板”得到的本区划、本年度工作簿填写后导入；导入的数值保存为草稿，需另行报送。</Typography.Text>}
      upload={(input) => importValues(planId, { ...input, year, regionCode })}
      imported={(report) => `已导入 ${report.rowsImported} 行（草稿），请核对后报送`}
      onClose={onClose}
    />
  );
}
