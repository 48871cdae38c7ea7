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
const HolidayCalendar = lazy(() => import('./pages/platform/HolidayCalendar'));
const Jobs = lazy(() => import('./pages/platform/Jobs'));
const NotFound = lazy(() => import('./pages/platform/NotFound'));
const PlanDashboard = lazy(() => import('./pages/plan/Dashboard'));
const PlanIndicators = lazy(() => import('./pages/plan/Indicators'));
const IndicatorDetail = lazy(() => import('./pages/plan/IndicatorDetail'));
const PlanEntry = lazy(() => import('./pages/plan/Entry'));
const PlanReview = lazy(() => import('./pages/plan/Review'));
const PlanEvaluations = lazy(() => import('./pages/plan/Evaluations'));
const EvaluationDetail = lazy(() => import('./pages/plan/EvaluationDetail'));
const PlanAssessment = lazy(() => import('./pages/plan/Assessment'));
const PlanProjects = lazy(() => import('./pages/plan/Projects'));
const PlanAdmin = lazy(() => import('./pages/plan/PlanAdmin'));
const PublicPlan = lazy(() => import('./pages/plan/PublicPlan'));
const Entities = lazy(() => import('./pages/entities/Entities'));
const EntityDetail = lazy(() => import('./pages/entities/EntityDetail'));
const CreditClasses = lazy(() => import('./pages/entities/credit/CreditClasses'));
const Samples = lazy(() => import('./pages/sampling/Samples'));
const SampleDetail = lazy(() => import('./pages/sampling/SampleDetail'));
const SamplingPlans = lazy(() => import('./pages/sampling/Plans'));
const PassRates = lazy(() => import('./pages/sampling/PassRates'));
const Grading = lazy(() => import('./pages/sampling/Grading'));
const PublicFailures = lazy(() => import('./pages/sampling/PublicFailures'));
const InspectionTasks = lazy(() => import('./pages/inspections/Tasks'));
const InspectionTaskDetail = lazy(() => import('./pages/inspections/TaskDetail'));
const MyInspections = lazy(() => import('./pages/inspections/MyTasks'));
const InspectionPublication = lazy(() => import('./pages/inspections/Publication'));
const InspectionPlans = lazy(() => import('./pages/inspections/Plans'));
const InspectionRegisters = lazy(() => import('./pages/inspections/Registers'));
const InspectionItems = lazy(() => import('./pages/inspections/Items'));
const PublicInspections = lazy(() => import('./pages/inspections/PublicResults'));
const PublicInspectionResult = lazy(() => import('./pages/inspections/PublicResults').then((m) => ({ default: m.PublicResultDetail })));
const PublicInspectionVerify = lazy(() => import('./pages/inspections/PublicVerify'));
const TraceQuery = lazy(() => import('./pages/trace/Trace'));
const TraceRecall = lazy(() => import('./pages/trace/Recall'));
const TraceProducts = lazy(() => import('./pages/trace/Products'));
const TraceLocations = lazy(() => import('./pages/trace/Locations'));
const TraceCaptures = lazy(() => import('./pages/trace/Captures'));
const TraceSubscriptions = lazy(() => import('./pages/trace/Subscriptions'));
const ApiKeys = lazy(() => import('./pages/trace/ApiKeys'));

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
      <Route
        path="/public/plan"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicPlan />
          </Suspense>
        }
      />
      <Route
        path="/public/sampling"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicFailures />
          </Suspense>
        }
      />
      <Route
        path="/public/inspections"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicInspections />
          </Suspense>
        }
      />
      <Route
        path="/public/inspections/:id"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicInspectionResult />
          </Suspense>
        }
      />
      <Route
        path="/public/inspections/:id/verify"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicInspectionVerify />
          </Suspense>
        }
      />
      <Route element={<AuthGate />}>
        <Route element={<AppLayout />}>
          <Route index element={<Home />} />
          <Route path="admin/users" element={<RequireRole capability="users" page={<Users />} />} />
          <Route path="admin/audit" element={<RequireRole capability="audit" page={<Audit />} />} />
          <Route path="admin/calendar" element={<RequireRole capability="holidayCalendar" page={<HolidayCalendar />} />} />
          <Route path="admin/jobs" element={<RequireRole capability="jobs" page={<Jobs />} />} />
          <Route path="plan" element={<RequireRole capability="plan" page={<PlanDashboard />} />} />
          <Route path="plan/indicators" element={<RequireRole capability="plan" page={<PlanIndicators />} />} />
          <Route path="plan/indicators/:id" element={<RequireRole capability="plan" page={<IndicatorDetail />} />} />
          <Route path="plan/entry" element={<RequireRole capability="planEntry" page={<PlanEntry />} />} />
          <Route path="plan/review" element={<RequireRole capability="planReview" page={<PlanReview />} />} />
          <Route path="plan/evaluations" element={<RequireRole capability="plan" page={<PlanEvaluations />} />} />
          <Route path="plan/evaluations/:id" element={<RequireRole capability="plan" page={<EvaluationDetail />} />} />
          <Route path="plan/assessment" element={<RequireRole capability="planAssessment" page={<PlanAssessment />} />} />
          <Route path="plan/projects" element={<RequireRole capability="plan" page={<PlanProjects />} />} />
          <Route path="plan/admin" element={<RequireRole capability="planAdmin" page={<PlanAdmin />} />} />
          <Route path="entities" element={<RequireRole capability="entities" page={<Entities />} />} />
          <Route path="entities/:id" element={<RequireRole capability="entities" page={<EntityDetail />} />} />
          <Route path="entities/credit" element={<RequireRole capability="entityCredit" page={<CreditClasses />} />} />
          <Route path="sampling" element={<RequireRole capability="sampling" page={<Samples />} />} />
          <Route path="sampling/samples/:id" element={<RequireRole capability="sampling" page={<SampleDetail />} />} />
          <Route path="sampling/plans" element={<RequireRole capability="samplingRegulator" page={<SamplingPlans />} />} />
          <Route path="sampling/pass-rates" element={<RequireRole capability="samplingRegulator" page={<PassRates />} />} />
          <Route path="sampling/grading" element={<RequireRole capability="samplingRegulator" page={<Grading />} />} />
          <Route path="inspections/tasks" element={<RequireRole capability="inspections" page={<InspectionTasks />} />} />
          <Route path="inspections/tasks/:id" element={<RequireRole capability="inspectionTasks" page={<InspectionTaskDetail />} />} />
          <Route path="inspections/my-tasks" element={<RequireRole capability="myInspections" page={<MyInspections />} />} />
          <Route path="inspections/publication" element={<RequireRole capability="inspections" page={<InspectionPublication />} />} />
          <Route path="inspections/plans" element={<RequireRole capability="inspections" page={<InspectionPlans />} />} />
          <Route path="inspections/registers" element={<RequireRole capability="inspections" page={<InspectionRegisters />} />} />
          <Route path="inspections/items" element={<RequireRole capability="inspectionTasks" page={<InspectionItems />} />} />
          <Route path="trace" element={<RequireRole capability="trace" page={<TraceQuery />} />} />
          <Route path="trace/recall" element={<RequireRole capability="trace" page={<TraceRecall />} />} />
          <Route path="trace/products" element={<RequireRole capability="traceProducts" page={<TraceProducts />} />} />
          <Route path="trace/locations" element={<RequireRole capability="traceLocations" page={<TraceLocations />} />} />
          <Route path="trace/captures" element={<RequireRole capability="traceCaptures" page={<TraceCaptures />} />} />
          <Route path="trace/subscriptions" element={<RequireRole capability="traceSubscriptions" page={<TraceSubscriptions />} />} />
          <Route path="trace/api-keys" element={<RequireRole capability="apiKeys" page={<ApiKeys />} />} />
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
