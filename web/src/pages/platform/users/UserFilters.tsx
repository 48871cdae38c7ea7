import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, TreeSelect } from 'antd';
import { type RegionNode, ROLES, type Role, type UserStatus } from '../../../api/platform-types';
import { useT } from '../../../i18n';
import { toTreeSelectData } from '../../../lib/regions';
import { STATUS_OPTIONS } from './labels';

export interface UserFilterValues {
  q?: string;
  role?: Role;
  status?: UserStatus;
  regionCode?: string;
}

interface UserFiltersProps {
  value: UserFilterValues;
  scope: RegionNode[];
  onChange: (next: UserFilterValues) => void;
  onCreate: () => void;
  onRefresh: () => void;
  refreshing: boolean;
}

export function UserFilters({ value, scope, onChange, onCreate, onRefresh, refreshing }: UserFiltersProps) {
  const t = useT();
  const set = (patch: UserFilterValues) => onChange({ ...value, ...patch });
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12}>
      <Form layout="inline" style={{ rowGap: 12 }}>
        <Form.Item label="关键字" htmlFor="user-filter-q">
          <Input.Search
            id="user-filter-q"
            allowClear
            placeholder="输入姓名、用户名或企业名称"
            defaultValue={value.q}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            style={{ width: 240 }}
            enterButton="查询"
          />
        </Form.Item>
        <Form.Item label="按角色" htmlFor="user-filter-role">
          <Select<Role>
            id="user-filter-role"
            allowClear
            placeholder="全部角色"
            value={value.role}
            onChange={(role) => set({ role })}
            options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            style={{ width: 150 }}
          />
        </Form.Item>
        <Form.Item label="按状态" htmlFor="user-filter-status">
          <Select<UserStatus>
            id="user-filter-status"
            allowClear
            placeholder="全部状态"
            value={value.status}
            onChange={(status) => set({ status })}
            options={STATUS_OPTIONS}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item label="按区划" htmlFor="user-filter-region">
          <TreeSelect
            id="user-filter-region"
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="全部区划"
            value={value.regionCode}
            onChange={(regionCode: string | undefined) => set({ regionCode })}
            treeData={toTreeSelectData(scope)}
            treeDefaultExpandedKeys={scope.map((node) => node.code)}
            style={{ width: 200 }}
          />
        </Form.Item>
      </Form>
      <Flex gap={8}>
        <Button icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh}>
          刷新
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
          新建用户
        </Button>
      </Flex>
    </Flex>
  );
}
