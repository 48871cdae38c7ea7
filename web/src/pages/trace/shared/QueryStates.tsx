import { Alert, Card, Empty, Skeleton } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { withDetail } from './errors';

interface QueryStatesProps {
  /** What the user typed (empty: nothing asked yet). */
  typed: string | null;
  /** The parsed code: `{ok:false, message}` when it is not a valid code. */
  parsed: { ok: true } | { ok: false; message: string } | null;
  /** Shown before anything is asked. */
  emptyText: string;
  /** The request for a valid code. */
  query: { isPending: boolean; isError: boolean; error: Error | null; refetch: () => unknown };
  code: string | null;
  errorTitle: string;
}

/** The states a code search page goes through before it has data: nothing asked, invalid code, loading, failed. */
export function QueryStates({ typed, parsed, emptyText, query, code, errorTitle }: QueryStatesProps) {
  return (
    <>
      {!typed ? (
        <Card>
          <Empty description={emptyText} />
        </Card>
      ) : null}
      {parsed && !parsed.ok ? <Alert type="error" showIcon title="追溯码无效" description={parsed.message} /> : null}
      {code && query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : null}
      {query.isError && query.error ? <ErrorAlert error={withDetail(query.error)} title={errorTitle} onRetry={() => void query.refetch()} /> : null}
    </>
  );
}
