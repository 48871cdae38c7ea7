import { describe, expect, it } from 'vitest';
import { buildAuditTrendOption, buildUsersByRegionOption, shortDate } from './dashboard-options';

function days(count: number): Array<{ date: string; count: number }> {
  return Array.from({ length: count }, (_, index) => ({
    date: `2025-03-${String(index + 1).padStart(2, '0')}`,
    count: index,
  }));
}

describe('buildAuditTrendOption', () => {
  it('puts days on the x axis oldest first and counts in one line series', () => {
    const option = buildAuditTrendOption([
      { date: '2025-03-02', count: 5 },
      { date: '2025-03-01', count: 3 },
    ]);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['03-01', '03-02'] });
    expect(option.series).toEqual([expect.objectContaining({ type: 'line', name: '审计事件', data: [3, 5] })]);
  });

  it('keeps only the last 14 days', () => {
    const option = buildAuditTrendOption(days(20));
    expect(option.xAxis).toMatchObject({
      data: days(20)
        .slice(6)
        .map((day) => day.date.slice(5)),
    });
    expect(option.series).toEqual([expect.objectContaining({ data: [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19] })]);
  });

  it('gives an empty axis and series for no data', () => {
    const option = buildAuditTrendOption([]);
    expect(option.xAxis).toMatchObject({ data: [] });
    expect(option.series).toEqual([expect.objectContaining({ data: [] })]);
  });

  it('counts in whole events on the y axis', () => {
    expect(buildAuditTrendOption(days(3)).yAxis).toMatchObject({ type: 'value', minInterval: 1 });
  });
});

describe('buildUsersByRegionOption', () => {
  it('keeps the API order and labels bars with their counts', () => {
    const option = buildUsersByRegionOption([
      { regionCode: '330502', regionName: '吴兴区', count: 4 },
      { regionCode: '330503', regionName: '南浔区', count: 2 },
      { regionCode: '330523', regionName: '安吉县', count: 7 },
    ]);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['吴兴区', '南浔区', '安吉县'] });
    expect(option.series).toEqual([expect.objectContaining({ type: 'bar', name: '用户数', data: [4, 2, 7], label: { show: true, position: 'top' } })]);
  });

  it('lays the bars down when there are many regions, first region on top', () => {
    const rows = Array.from({ length: 16 }, (_, index) => ({ regionCode: `33052310${index}`, regionName: `镇${index}`, count: index % 3 }));
    const option = buildUsersByRegionOption(rows);
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: rows.map((row) => row.regionName) });
    expect(option.xAxis).toMatchObject({ type: 'value', minInterval: 1 });
    expect(option.series).toEqual([expect.objectContaining({ label: { show: true, position: 'right' } })]);
  });

  it('gives an empty chart for no regions', () => {
    const option = buildUsersByRegionOption([]);
    expect(option.xAxis).toMatchObject({ data: [] });
    expect(option.series).toEqual([expect.objectContaining({ data: [] })]);
  });
});

describe('shortDate', () => {
  it('drops the year of an ISO date and leaves anything else alone', () => {
    expect(shortDate('2025-12-31')).toBe('12-31');
    expect(shortDate('today')).toBe('today');
  });
});
