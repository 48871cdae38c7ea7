import { Typography } from 'antd';
import { importIndicators, type Plan, planFiles } from '../../../api/plan';
import { XlsxImportModal } from '../shared/XlsxImportModal';

interface ImportIndicatorsModalProps {
  plan: Pick<Plan, 'id' | 'name' | 'startYear' | 'endYear'>;
  open: boolean;
  onClose: () => void;
}

/**
 * The indicator list workbook into a plan (how the 2026–2030 plan is entered from Excel): check first
 * (dry run, nothing written), then confirm. Rows are matched by 编码: new codes are added, known ones updated.
 */
export function ImportIndicatorsModal({ plan, open, onClose }: ImportIndicatorsModalProps) {
  return (
    <XlsxImportModal
      open={open}
      title={`导入指标表 · ${plan.name}`}
      intro={
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          使用“导出指标表”得到的工作簿（工作表“指标清单”，各列填写要求见“说明”工作表）。按“编码”匹配：新编码新增指标，已有编码更新其定义。
          从上一期规划导出的表，请先把目标值、目标年（{plan.startYear}–{plan.endYear}）和基期值改为本规划的数值。区县责任单位不在表中，导入后逐项“编辑”填写。
          <Typography.Link href={planFiles.indicatorsXlsx(plan.id)} download style={{ marginInlineStart: 8 }}>
            下载本规划当前的指标表
          </Typography.Link>
        </Typography.Paragraph>
      }
      upload={(input) => importIndicators(plan.id, input)}
      imported={(report) => `已导入 ${report.rowsImported} 项指标`}
      ready={(report) => `校验通过，确认后将导入 ${report.rowsValid} 项指标（新增或更新）`}
      onClose={onClose}
    />
  );
}
