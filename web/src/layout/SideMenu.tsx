import {
  AimOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  DashboardOutlined,
  EditOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  HomeOutlined,
  InteractionOutlined,
  NodeIndexOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  ProjectOutlined,
  QrcodeOutlined,
  RiseOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SendOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { Role } from '../api/platform-types';
import { type Translate, useT } from '../i18n';
import { can } from '../lib/access';

type MenuItem = Required<MenuProps>['items'][number];

function planItems(role: Role, t: Translate): MenuItem[] {
  if (!can(role, 'plan')) return [];
  const items: MenuItem[] = [
    { key: '/plan', icon: <DashboardOutlined />, label: t('menu.planDashboard') },
    { key: '/plan/indicators', icon: <OrderedListOutlined />, label: t('menu.planIndicators') },
  ];
  if (can(role, 'planEntry')) items.push({ key: '/plan/entry', icon: <EditOutlined />, label: t('menu.planEntry') });
  if (can(role, 'planReview')) items.push({ key: '/plan/review', icon: <CheckSquareOutlined />, label: t('menu.planReview') });
  items.push({ key: '/plan/evaluations', icon: <FileSearchOutlined />, label: t('menu.planEvaluations') });
  if (can(role, 'planAssessment')) items.push({ key: '/plan/assessment', icon: <BarChartOutlined />, label: t('menu.planAssessment') });
  items.push({ key: '/plan/projects', icon: <ProjectOutlined />, label: t('menu.planProjects') });
  if (can(role, 'planAdmin')) items.push({ key: '/plan/admin', icon: <ProfileOutlined />, label: t('menu.planAdmin') });
  return items;
}

function traceItems(role: Role, t: Translate): MenuItem[] {
  const items: MenuItem[] = [];
  if (can(role, 'trace')) {
    items.push({ key: '/trace', icon: <NodeIndexOutlined />, label: t('menu.traceQuery') });
    items.push({ key: '/trace/recall', icon: <RollbackOutlined />, label: t('menu.traceRecall') });
  }
  if (can(role, 'traceProducts')) items.push({ key: '/trace/products', icon: <QrcodeOutlined />, label: t('menu.traceProducts') });
  if (can(role, 'traceLocations')) items.push({ key: '/trace/locations', icon: <EnvironmentOutlined />, label: t('menu.traceLocations') });
  if (can(role, 'traceCaptures')) items.push({ key: '/trace/captures', icon: <UploadOutlined />, label: t('menu.traceCaptures') });
  if (can(role, 'traceSubscriptions')) items.push({ key: '/trace/subscriptions', icon: <SendOutlined />, label: t('menu.traceSubscriptions') });
  if (can(role, 'apiKeys')) items.push({ key: '/trace/api-keys', icon: <ApiOutlined />, label: t('menu.apiKeys') });
  return items;
}

function entityItems(role: Role, t: Translate): MenuItem[] {
  if (!can(role, 'entities')) return [];
  if (can(role, 'entityCredit')) {
    return [
      {
        key: 'entities',
        icon: <ShopOutlined />,
        label: t('menu.entities'),
        children: [
          { key: '/entities', icon: <ProfileOutlined />, label: t('menu.entityRegistry') },
          { key: '/entities/credit', icon: <RiseOutlined />, label: t('menu.entityCredit') },
        ],
      },
    ];
  }
  return [{ key: '/entities', icon: <ShopOutlined />, label: role === 'enterprise' ? t('menu.entityOwn') : t('menu.entities') }];
}

/** 监督抽查: samples for everyone in scope (an enterprise its own results); plans, rates and grades for regulators. */
function samplingItems(role: Role, t: Translate): MenuItem[] {
  if (!can(role, 'sampling')) return [];
  if (!can(role, 'samplingRegulator')) return [{ key: '/sampling', icon: <ExperimentOutlined />, label: t('menu.samplingOwn') }];
  return [
    {
      key: 'sampling',
      icon: <ExperimentOutlined />,
      label: t('menu.sampling'),
      children: [
        { key: '/sampling', icon: <FileSearchOutlined />, label: t('menu.samplingSamples') },
        { key: '/sampling/plans', icon: <OrderedListOutlined />, label: t('menu.samplingPlans') },
        { key: '/sampling/pass-rates', icon: <BarChartOutlined />, label: t('menu.samplingPassRates') },
        { key: '/sampling/grading', icon: <DashboardOutlined />, label: t('menu.samplingGrading') },
      ],
    },
  ];
}

/** 双随机监管: tasks, the publication queue, plans, registers and the item list for regulators; an inspector his own targets. */
function inspectionItems(role: Role, t: Translate): MenuItem[] {
  const children: MenuItem[] = [];
  if (can(role, 'myInspections')) children.push({ key: '/inspections/my-tasks', icon: <CarryOutOutlined />, label: t('menu.myInspections') });
  if (can(role, 'inspections')) {
    children.push(
      { key: '/inspections/tasks', icon: <ScheduleOutlined />, label: t('menu.inspectionTasks') },
      { key: '/inspections/publication', icon: <NotificationOutlined />, label: t('menu.inspectionPublication') },
      { key: '/inspections/plans', icon: <CalendarOutlined />, label: t('menu.inspectionPlans') },
      { key: '/inspections/registers', icon: <ContactsOutlined />, label: t('menu.inspectionRegisters') },
    );
  }
  if (can(role, 'inspectionTasks')) children.push({ key: '/inspections/items', icon: <UnorderedListOutlined />, label: t('menu.inspectionItems') });
  return children.length > 0 ? [{ key: 'randomInspection', icon: <InteractionOutlined />, label: t('menu.randomInspection'), children }] : [];
}

/** Menu entries for the role: only pages the role may open, so there are no dead links. */
export function buildMenuItems(role: Role, t: Translate): MenuItem[] {
  const admin: MenuItem[] = [];
  if (can(role, 'users')) admin.push({ key: '/admin/users', icon: <TeamOutlined />, label: t('menu.users') });
  if (can(role, 'audit')) admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: t('menu.audit') });
  if (can(role, 'holidayCalendar')) admin.push({ key: '/admin/calendar', icon: <CalendarOutlined />, label: t('menu.holidayCalendar') });
  if (can(role, 'jobs')) admin.push({ key: '/admin/jobs', icon: <FieldTimeOutlined />, label: t('menu.jobs') });
  const items: MenuItem[] = [{ key: '/', icon: <HomeOutlined />, label: t('menu.home') }];
  const plan = planItems(role, t);
  if (plan.length > 0) items.push({ key: 'plan', icon: <AimOutlined />, label: t('menu.plan'), children: plan });
  items.push(...entityItems(role, t));
  items.push(...inspectionItems(role, t));
  items.push(...samplingItems(role, t));
  const trace = traceItems(role, t);
  // Enterprises code and report; they do not supervise: their group is named for what they do.
  const traceLabel = role === 'enterprise' ? t('menu.traceEnterprise') : t('menu.trace');
  if (trace.length > 0) items.push({ key: 'trace', icon: <SafetyCertificateOutlined />, label: traceLabel, children: trace });
  if (admin.length > 0) items.push({ key: 'admin', icon: <SettingOutlined />, label: t('menu.admin'), children: admin });
  return items;
}

const KNOWN = [
  '/',
  '/admin/users',
  '/admin/audit',
  '/admin/calendar',
  '/admin/jobs',
  '/plan',
  '/plan/indicators',
  '/plan/entry',
  '/plan/review',
  '/plan/evaluations',
  '/plan/assessment',
  '/plan/projects',
  '/plan/admin',
  '/entities',
  '/sampling',
  '/sampling/plans',
  '/sampling/pass-rates',
  '/sampling/grading',
  '/entities/credit',
  '/inspections/my-tasks',
  '/inspections/tasks',
  '/inspections/publication',
  '/inspections/plans',
  '/inspections/registers',
  '/inspections/items',
  '/trace',
  '/trace/recall',
  '/trace/products',
  '/trace/locations',
  '/trace/captures',
  '/trace/subscriptions',
  '/trace/api-keys',
];
/** Group landing pages: a deeper path under them is not one of their own pages. */
const NOT_PARENTS = ['/', '/plan', '/trace'];

/** The menu entry a path belongs to: itself, or the longest entry it sits under (/plan/indicators/42 → 指标一览). */
export function selectedMenuKey(pathname: string): string | null {
  if (KNOWN.includes(pathname)) return pathname;
  const parents = KNOWN.filter((key) => !NOT_PARENTS.includes(key) && pathname.startsWith(`${key}/`));
  return parents.sort((a, b) => b.length - a.length)[0] ?? null;
}

export function SideMenu({ role }: { role: Role }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = selectedMenuKey(pathname);
  return (
    <Menu
      theme="dark"
      mode="inline"
      items={buildMenuItems(role, t)}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={['plan', 'entities', 'trace', 'admin', 'sampling', 'randomInspection']}
      onClick={({ key }) => navigate(key)}
    />
  );
}
