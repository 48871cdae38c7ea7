import { App, Card, Empty, Flex, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useUpdateUser, useUsers } from '../../api/platform';
import type { UpdateUserInput, User, UserListParams } from '../../api/platform-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLocalise, useT } from '../../i18n';
import { scopeTree } from '../../lib/regions';
import { useRegion } from '../../region-context';
import { useMeUser } from '../../session';
import { CreateUserModal } from './users/CreateUserModal';
import { buildUserColumns } from './users/columns';
import { ResetPasswordModal } from './users/ResetPasswordModal';
import { UserFilters, type UserFilterValues } from './users/UserFilters';

const DEFAULT_PAGE_SIZE = 20;

/** Filters belong to the region they were chosen in; switching region in the header starts afresh. */
interface ScopedFilters {
  scope: string;
  values: UserFilterValues;
  page: number;
}

export default function Users() {
  const t = useT();
  const localise = useLocalise();
  const me = useMeUser();
  const { message } = App.useApp();
  const { regionCode, regionName, tree } = useRegion();
  const [filters, setFilters] = useState<ScopedFilters>({ scope: regionCode, values: {}, page: 1 });
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const update = useUpdateUser();

  const current = filters.scope === regionCode ? filters : { scope: regionCode, values: {}, page: 1 };
  const values = current.values;
  const params: UserListParams = { page: current.page, pageSize, ...values, regionCode: values.regionCode ?? regionCode };
  const users = useUsers(params);
  const scope = useMemo(() => (tree ? scopeTree(tree, regionCode) : []), [tree, regionCode]);
  const createScope = useMemo(() => (tree ? scopeTree(tree, me.regionCode) : []), [tree, me.regionCode]);

  const onFilter = (next: UserFilterValues) => setFilters({ scope: regionCode, values: next, page: 1 });

  const onPage = (nextPage: number, nextSize: number) => {
    setFilters({ ...current, page: nextSize === pageSize ? nextPage : 1 });
    setPageSize(nextSize);
  };

  const runUpdate = (user: User, input: UpdateUserInput, done: string) =>
    update.mutate({ id: user.id, input }, { onSuccess: () => message.success(done), onError: (error) => message.error(localise(error.message)) });

  const columns = buildUserColumns(t, {
    meId: me.id,
    pendingId: update.isPending ? (update.variables?.id ?? null) : null,
    update: runUpdate,
    resetPassword: setResetting,
  });

  return (
    <Card>
      <Flex vertical gap={16}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            用户管理
          </Typography.Title>
          <Typography.Text type="secondary">范围：{regionName}及其下级区划的账户</Typography.Text>
        </div>
        <UserFilters
          key={regionCode}
          value={values}
          scope={scope}
          onChange={onFilter}
          onCreate={() => setCreating(true)}
          onRefresh={() => void users.refetch()}
          refreshing={users.isFetching}
        />
        {users.isError ? <ErrorAlert error={users.error} title="用户列表加载失败" onRetry={() => void users.refetch()} /> : null}
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={users.isError ? '加载失败' : '没有符合条件的用户'} /> }}
          pagination={{
            current: current.page,
            pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => `共 ${total} 条`,
            onChange: onPage,
          }}
        />
      </Flex>
      <CreateUserModal open={creating} actorRole={me.role} scope={createScope} onClose={() => setCreating(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
