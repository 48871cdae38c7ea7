import { Button, Result } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { isApiError } from '../api/client';
import { useMe } from '../api/platform';
import { FullPageSpin } from '../components/FullPageSpin';
import { useT } from '../i18n';
import { RegionProvider } from '../region-context';
import { SessionContext } from '../session';

/** Everything below needs a signed-in user: without a session, go to /login and come back after. */
export function AuthGate() {
  const t = useT();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const from = `${location.pathname}${location.search}${location.hash}`;
      return <Navigate to="/login" replace state={{ from }} />;
    }
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={me.error.message}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return (
    <SessionContext.Provider value={me.data}>
      <RegionProvider me={me.data.user}>
        <Outlet />
      </RegionProvider>
    </SessionContext.Provider>
  );
}
