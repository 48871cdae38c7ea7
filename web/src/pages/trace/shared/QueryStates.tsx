import { Alert, Card, Empty, Skeleton } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { withDetail } from './errors';
import { RecentCodes } from './RecentCodes';

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
  /** Before anything is asked: offer the codes most recently reported in the caller's region, starting from the one picked. */
  onPick?: (code: string) => void;
}

/** The states a code search page goes through before it has data: nothing asked, invalid code, loading, failed. */
export function QueryStates({ typed, parsed, emptyText, query, code, errorTitle, onPick }: QueryStatesProps) {
  return (
    <>
      {!typed && onPick ? <RecentCodes emptyText={emptyText} onPick={onPick} /> : null}
      {!typed && !onPick ? (
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
