import { Cascader, Flex, Form, Input, Select, TreeSelect } from 'antd';
import { INDUSTRY_SECTIONS } from '../../../../../common/industry.ts';
import { ENTITY_STATUSES, ENTITY_TYPES, type EntityStatus, type EntityType, SPECIAL_LISTS, type SpecialList } from '../../../api/entities';
import type { RegionNode } from '../../../api/platform-types';
import { toTreeSelectData } from '../../../lib/regions';
import { ENTITY_STATUS_LABELS, ENTITY_TYPE_LABELS, SPECIAL_LIST_LABELS } from '../labels';

export interface EntityFilterValues {
  q?: string;
  type?: EntityType;
  industry?: string;
  status?: EntityStatus;
  specialList?: SpecialList;
  licenceExpiringDays?: number;
  regionCode?: string;
}

const INDUSTRY_OPTIONS = INDUSTRY_SECTIONS.map((section) => ({
  value: section.code,
  label: `${section.code} ${section.name}`,
  children: section.divisions.map((division) => ({ value: division.code, label: `${division.code} ${division.name}` })),
}));

const EXPIRY_OPTIONS = [30, 90, 180].map((days) => ({ value: days, label: `${days} 天内到期` }));

interface EntityFiltersProps {
  value: EntityFilterValues;
  scope: RegionNode[];
  onChange: (next: EntityFilterValues) => void;
}

/** The registry's filters; each change asks the server again (it filters, sorts and pages). */
export function EntityFilters({ value, scope, onChange }: EntityFiltersProps) {
  const set = (patch: EntityFilterValues) => onChange({ ...value, ...patch });
  const industryPath = value.industry
    ? value.industry.length === 1
      ? [value.industry]
      : [INDUSTRY_SECTIONS.find((s) => s.divisions.some((d) => d.code === value.industry))?.code ?? '', value.industry]
    : undefined;
  return (
    <Form layout="inline" style={{ rowGap: 12 }}>
      <Form.Item label="关键字" htmlFor="entity-filter-q">
        <Input.Search
          id="entity-filter-q"
          allowClear
          placeholder="名称或信用代码"
          defaultValue={value.q}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 250 }}
          enterButton="查询"
        />
      </Form.Item>
      <Form.Item label="区划" htmlFor="entity-filter-region">
        <TreeSelect
          id="entity-filter-region"
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder="全部区划"
          value={value.regionCode}
          onChange={(regionCode: string | undefined) => set({ regionCode })}
          treeData={toTreeSelectData(scope)}
          treeDefaultExpandedKeys={scope.map((node) => node.code)}
          style={{ width: 170 }}
        />
      </Form.Item>
      <Form.Item label="主体类型" htmlFor="entity-filter-type">
        <Select<EntityType>
          id="entity-filter-type"
          allowClear
          placeholder="全部类型"
          value={value.type}
          onChange={(type) => set({ type })}
          options={ENTITY_TYPES.map((t) => ({ value: t, label: ENTITY_TYPE_LABELS[t] }))}
          style={{ width: 140 }}
        />
      </Form.Item>
      <Form.Item label="行业" htmlFor="entity-filter-industry">
        <Cascader
          id="entity-filter-industry"
          allowClear
          changeOnSelect
          showSearch
          placeholder="全部行业（GB/T 4754）"
          value={industryPath}
          onChange={(path) => set({ industry: path && path.length > 0 ? String(path[path.length - 1]) : undefined })}
          options={INDUSTRY_OPTIONS}
          displayRender={(labels) => labels[labels.length - 1]}
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item label="登记状态" htmlFor="entity-filter-status">
        <Select<EntityStatus>
          id="entity-filter-status"
          allowClear
          placeholder="全部"
          value={value.status}
          onChange={(status) => set({ status })}
          options={ENTITY_STATUSES.map((s) => ({ value: s, label: ENTITY_STATUS_LABELS[s] }))}
          style={{ width: 110 }}
        />
      </Form.Item>
      <Form.Item label="特殊名录" htmlFor="entity-filter-list">
        <Select<SpecialList>
          id="entity-filter-list"
          allowClear
          placeholder="不限"
          value={value.specialList}
          onChange={(specialList) => set({ specialList })}
          options={SPECIAL_LISTS.map((l) => ({ value: l, label: SPECIAL_LIST_LABELS[l] }))}
          style={{ width: 170 }}
        />
      </Form.Item>
      <Form.Item label="许可证" htmlFor="entity-filter-expiry">
        <Flex>
          <Select<number>
            id="entity-filter-expiry"
            allowClear
            placeholder="不限"
            value={value.licenceExpiringDays}
            onChange={(licenceExpiringDays) => set({ licenceExpiringDays })}
            options={EXPIRY_OPTIONS}
            style={{ width: 130 }}
          />
        </Flex>
      </Form.Item>
    </Form>
  );
}
