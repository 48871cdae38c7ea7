import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import type { useVerifyAudit } from '../../../api/platform';
import { ErrorAlert } from '../../../components/ErrorAlert';

/** Recomputes the audit hash chain on the server and says whether any entry was altered. */
export function VerifyChainButton({ verify }: { verify: ReturnType<typeof useVerifyAudit> }) {
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
      校验审计链
    </Button>
  );
}

export function VerifyChainResult({ verify }: { verify: ReturnType<typeof useVerifyAudit> }) {
  if (verify.isError) return <ErrorAlert error={verify.error} title="审计链校验失败" onRetry={() => verify.mutate()} />;
  const result = verify.data;
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose: () => verify.reset() }}
        title={`审计链完整，共校验 ${result.checked} 条`}
        description={result.headSeq !== null ? `链头序号 ${result.headSeq}` : undefined}
      />
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose: () => verify.reset() }}
      title={broken ? `第 ${broken.seq} 条被篡改：${broken.reason}` : '审计链不完整'}
      description={`共校验 ${result.checked} 条，请立即上报并保全数据库。`}
    />
  );
}
