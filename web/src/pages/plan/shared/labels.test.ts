import { describe, expect, it } from 'vitest';
import { ACCUMULATION_LABEL, DIRECTION_TEXT, describeMethod } from './labels';

describe('plan labels', () => {
  it('names accumulations and directions in Chinese', () => {
    expect(ACCUMULATION_LABEL).toEqual({ level: '水平值', increment: '新增', cumulative: '累计' });
    expect(DIRECTION_TEXT.lower_is_better).toContain('越低越好');
  });

  it('explains the method a result names, from the server or the shared engine texts', () => {
    expect(describeMethod('statcan-2.4').name).toContain('年均增速比法');
    expect(describeMethod('increment-linear').name).toBe('新增累计法');
    expect(describeMethod('statcan-2.4', { 'statcan-2.4': { label: '服务端名称', explanation: '服务端说明', source: 'x' } })).toEqual({
      name: '服务端名称',
      text: '服务端说明',
      source: 'x',
    });
    expect(describeMethod('').name).toBe('暂无法测算');
    expect(describeMethod('mystery').name).toBe('mystery');
  });
});
