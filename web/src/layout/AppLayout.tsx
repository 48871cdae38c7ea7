import { App, Layout, Skeleton } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { useLogout } from '../api/platform';
import { useT } from '../i18n';
import { useMeUser } from '../session';
import { ChangePasswordModal } from './ChangePasswordModal';
import { HeaderBar } from './HeaderBar';
import { SideMenu } from './SideMenu';

const COLLAPSE_KEY = 'zl.siderCollapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSE_KEY) === '1';
  } catch {
    return false;
  }
}

export function AppLayout() {
  const t = useT();
  const me = useMeUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const forced = me.mustChangePassword;

  /** Remembers only the user's own choice, not the automatic collapse on narrow screens. */
  const onCollapse = (value: boolean, type: 'clickTrigger' | 'responsive') => {
    setCollapsed(value);
    if (type !== 'clickTrigger') return;
    try {
      localStorage.setItem(COLLAPSE_KEY, value ? '1' : '0');
    } catch {
      // Not remembering the menu state is harmless.
    }
  };

  const onLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => navigate('/login', { replace: true }),
      onError: (error) => message.error(t('user.logoutFailed', { message: error.message })),
    });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <HeaderBar me={me} onChangePassword={() => setPasswordOpen(true)} onLogout={onLogout} />
      <Layout>
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={onCollapse} width={216} breakpoint="lg">
          <nav aria-label={t('menu.main')}>
            <SideMenu role={me.role} />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Content style={{ padding: 20 }}>
            {forced ? null : (
              <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                <Outlet />
              </Suspense>
            )}
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 20px' }}>
            {t('app.name')} · {t('app.copyright')}
          </Layout.Footer>
        </Layout>
      </Layout>
      <ChangePasswordModal open={forced || passwordOpen} forced={forced} onClose={() => setPasswordOpen(false)} onLogout={onLogout} />
    </Layout>
  );
}
