import { Alert, Button, Typography } from 'antd';
import { isApiError } from '../api/client';
import { useLocalise, useT } from '../i18n';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failed request: the server's message and its request ID, so a report can be traced in the logs. */
export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  const t = useT();
  const localise = useLocalise();
  const message = localise(error instanceof Error ? error.message : String(error));
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? t('common.loadFailed')}
      description={
        <>
          <div>{message}</div>
          {requestId ? (
            <Typography.Text type="secondary" copyable={{ text: requestId }}>
              {t('common.requestId')}：{requestId}
            </Typography.Text>
          ) : null}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
