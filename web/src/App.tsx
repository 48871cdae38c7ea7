import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Route, Routes, useNavigate } from 'react-router';
import { createQueryClient, setUnauthorizedHandler } from './api/query-client';
import { FullPageSpin } from './components/FullPageSpin';
import { LangProvider, useLang } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { AuthGate } from './layout/AuthGate';
import { RequireRole } from './layout/RequireRole';
import { theme } from './theme';

const Login = lazy(() => import('./pages/platform/Login'));
const Home = lazy(() => import('./pages/platform/Home'));
const Users = lazy(() => import('./pages/platform/Users'));
const Audit = lazy(() => import('./pages/platform/Audit'));
const NotFound = lazy(() => import('./pages/platform/NotFound'));

/** Sends the browser to /login on any 401, remembering where it was. */
function SessionWatcher() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search, hash } = window.location;
      if (pathname === '/login') return;
      navigate('/login', { replace: true, state: { from: `${pathname}${search}${hash}` } });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);
  return null;
}

function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <Login />
          </Suspense>
        }
      />
      <Route element={<AuthGate />}>
        <Route element={<AppLayout />}>
          <Route index element={<Home />} />
          <Route path="admin/users" element={<RequireRole capability="users" page={<Users />} />} />
          <Route path="admin/audit" element={<RequireRole capability="audit" page={<Audit />} />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}

function LocalisedApp() {
  const { lang } = useLang();
  // dayjs's locale is global; set it before the pickers below render with it.
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <SessionWatcher />
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LangProvider>
        <LocalisedApp />
      </LangProvider>
    </QueryClientProvider>
  );
}
