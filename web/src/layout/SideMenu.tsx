import { AuditOutlined, HomeOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { Role } from '../api/platform-types';
import { type Translate, useT } from '../i18n';
import { can } from '../lib/access';

type MenuItem = Required<MenuProps>['items'][number];

/** Menu entries for the role: only pages the role may open, so there are no dead links. */
export function buildMenuItems(role: Role, t: Translate): MenuItem[] {
  const admin: MenuItem[] = [];
  if (can(role, 'users')) admin.push({ key: '/admin/users', icon: <TeamOutlined />, label: t('menu.users') });
  if (can(role, 'audit')) admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: t('menu.audit') });
  const items: MenuItem[] = [{ key: '/', icon: <HomeOutlined />, label: t('menu.home') }];
  if (admin.length > 0) items.push({ key: 'admin', icon: <SettingOutlined />, label: t('menu.admin'), children: admin });
  return items;
}

export function SideMenu({ role }: { role: Role }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const known = new Set(['/', '/admin/users', '/admin/audit']);
  const selected = known.has(pathname) ? [pathname] : [];
  return (
    <Menu theme="dark" mode="inline" items={buildMenuItems(role, t)} selectedKeys={selected} defaultOpenKeys={['admin']} onClick={({ key }) => navigate(key)} />
  );
}
