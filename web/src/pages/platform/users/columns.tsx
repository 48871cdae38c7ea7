import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UpdateUserInput, User } from '../../../api/platform-types';
import type { Translate } from '../../../i18n';
import { shanghaiTime } from '../../../lib/time';
import { STATUS_LABEL } from './labels';

const formatTime = (value: string) => shanghaiTime(value);

export interface UserActions {
  meId: string;
  pendingId: string | null;
  update: (user: User, input: UpdateUserInput, done: string) => void;
  resetPassword: (user: User) => void;
}

function StatusTag({ user }: { user: User }) {
  const label = STATUS_LABEL[user.status];
  const tag = <Tag color={label.color}>{label.text}</Tag>;
  if (user.status !== 'locked' || !user.lockedUntil) return tag;
  return <Tooltip title={`锁定至 ${formatTime(user.lockedUntil)}`}>{tag}</Tooltip>;
}

function RowActions({ user, actions }: { user: User; actions: UserActions }) {
  const busy = actions.pendingId === user.id;
  const self = user.id === actions.meId;
  if (!user.canManage) {
    return (
      <Typography.Text type="secondary" title={self ? '修改自己的密码请使用右上角用户菜单' : '该账号由上级管理员管理'}>
        —
      </Typography.Text>
    );
  }
  return (
    <Space size={0} wrap>
      {user.status === 'disabled' ? (
        <Button type="link" size="small" disabled={busy} onClick={() => actions.update(user, { disabled: false }, `已启用 ${user.displayName}`)}>
          启用
        </Button>
      ) : (
        <Popconfirm
          title={`停用 ${user.displayName}？`}
          description="停用后该用户无法登录，已登录的会话立即失效。"
          okText="停用"
          cancelText="取消"
          onConfirm={() => actions.update(user, { disabled: true }, `已停用 ${user.displayName}`)}
          disabled={self}
        >
          <Button type="link" size="small" danger disabled={busy || self} title={self ? '不能停用自己的账号' : undefined}>
            停用
          </Button>
        </Popconfirm>
      )}
      {user.status === 'locked' ? (
        <Button type="link" size="small" disabled={busy} onClick={() => actions.update(user, { unlock: true }, `已解锁 ${user.displayName}`)}>
          解锁
        </Button>
      ) : null}
      <Button type="link" size="small" disabled={busy} onClick={() => actions.resetPassword(user)}>
        重置密码
      </Button>
    </Space>
  );
}

export function buildUserColumns(t: Translate, actions: UserActions): ColumnsType<User> {
  return [
    { title: '用户名', dataIndex: 'username', key: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName', width: 170 },
    { title: '角色', dataIndex: 'role', key: 'role', width: 130, render: (_value, user) => t(`role.${user.role}`) },
    { title: '所属区划', dataIndex: 'regionName', key: 'regionName', width: 140 },
    {
      title: '企业',
      key: 'enterprise',
      render: (_value, user) =>
        user.enterpriseName ? (
          <div>
            <div>{user.enterpriseName}</div>
            {user.enterpriseCreditCode ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {user.enterpriseCreditCode}
              </Typography.Text>
            ) : null}
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '状态', dataIndex: 'status', key: 'status', width: 80, render: (_value, user) => <StatusTag user={user} /> },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 150,
      render: (_value, user) => (user.lastLoginAt ? formatTime(user.lastLoginAt) : <Typography.Text type="secondary">从未登录</Typography.Text>),
    },
    { title: '操作', key: 'actions', width: 200, fixed: 'right', render: (_value, user) => <RowActions user={user} actions={actions} /> },
  ];
}
