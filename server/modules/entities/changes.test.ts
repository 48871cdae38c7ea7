import { describe, expect, it } from 'vitest';
import { changedFields, type EntityFields, eventsForChange } from './changes.ts';

const base: EntityFields = {
  creditCode: '91330502MA2B3C4D58',
  name: '湖州示范食品有限公司',
  type: 'enterprise',
  industryCode: '15',
  regionCode: '330502100',
  address: '织里镇 1 号',
  legalRepresentative: '张三',
  establishedOn: '2016-05-18',
  status: 'subsisting',
  specialLists: ['abnormal_operation'],
};

describe('entity change planning', () => {
  it('counts only fields that are given and differ (list order does not matter)', () => {
    expect(changedFields(base, { name: base.name, address: undefined })).toEqual([]);
    expect(
      changedFields({ ...base, specialLists: ['serious_violation', 'abnormal_operation'] }, { specialLists: ['abnormal_operation', 'serious_violation'] }),
    ).toEqual([]);
    expect(changedFields(base, { address: null, status: 'revoked' })).toEqual(['address', 'status']);
  });

  it('plans a status event, list in/out events and one change event naming the other fields', () => {
    const after: EntityFields = { ...base, status: 'cancelled', specialLists: ['serious_violation'], address: '新址', legalRepresentative: '李四' };
    const events = eventsForChange(base, after, changedFields(base, after), '表单修改');
    expect(events.map((e) => [e.kind, e.summary])).toEqual([
      ['status', '登记状态由“存续”变更为“注销”（表单修改）'],
      ['abnormal_out', '移出经营异常名录（表单修改）'],
      ['serious_in', '列入严重违法失信名单（表单修改）'],
      ['change', '变更住所、法定代表人（表单修改）'],
    ]);
    expect(events[3]?.details).toEqual({ fields: { address: { from: '织里镇 1 号', to: '新址' }, legalRepresentative: { from: '张三', to: '李四' } } });
  });

  it('shows old and new value when one field changes', () => {
    const after = { ...base, name: '湖州示范饮品有限公司' };
    expect(eventsForChange(base, after, ['name'], '批量导入')[0]?.summary).toBe('变更名称：湖州示范食品有限公司 → 湖州示范饮品有限公司（批量导入）');
  });
});
