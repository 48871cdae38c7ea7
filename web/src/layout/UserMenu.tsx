import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Space, Typography } from 'antd';
import type { Me } from '../api/platform-types';
import { useT } from '../i18n';

interface UserMenuProps {
  me: Me;
  onChangePassword: () => void;
  onLogout: () => void;
}

export function UserMenu({ me, onChangePassword, onLogout }: UserMenuProps) {
  const t = useT();
  const items = [
    {
      key: 'profile',
      disabled: true,
      label: (
        <div>
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {t(`role.${me.role}`)} · {me.regionName}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' as const },
    { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), danger: true },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'password') onChangePassword();
          if (key === 'logout') onLogout();
        },
      }}
    >
      <Button type="text" aria-label={t('header.userMenu')} style={{ color: '#fff', height: 40 }}>
        <Space size={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#e8b84a' }} />
          <span>{me.displayName}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}
