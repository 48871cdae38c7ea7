import { Flex, Tag, Typography } from 'antd';
import { type DayMark, monthWeeks, workingDaysOfYear } from './month-grid';

const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];
const HOLIDAY_BG = '#fff1f0';
const HOLIDAY_FG = '#cf1322';
const MAKEUP_BG = '#e6f4ff';
const MAKEUP_FG = '#0958d9';

function Month({ year, month, marks }: { year: number; month: number; marks: ReadonlyMap<string, DayMark> }) {
  const weeks = monthWeeks(year, month, marks);
  return (
    <div style={{ width: 224 }}>
      <Typography.Text strong>{month}月</Typography.Text>
      <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 12, textAlign: 'center', marginTop: 4 }} aria-label={`${year}年${month}月`}>
        <thead>
          <tr>
            {WEEK_HEAD.map((d, i) => (
              <th key={d} style={{ fontWeight: 400, color: i >= 5 ? '#8c8c8c' : undefined }}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.map((c) => ('pad' in c ? c.pad : c.date)).join()}>
              {week.map((cell) => {
                if ('pad' in cell) return <td key={cell.pad} />;
                const holiday = cell.mark?.kind === 'holiday';
                const makeup = cell.mark?.kind === 'makeup_workday';
                const title = holiday ? `${cell.date} ${cell.mark?.name ?? ''}放假` : makeup ? `${cell.date} 调休上班` : cell.date;
                return (
                  <td
                    key={cell.date}
                    title={title}
                    style={{
                      padding: '2px 0',
                      background: holiday ? HOLIDAY_BG : makeup ? MAKEUP_BG : undefined,
                      color: holiday ? HOLIDAY_FG : makeup ? MAKEUP_FG : cell.weekend ? '#8c8c8c' : undefined,
                      fontWeight: holiday || makeup ? 600 : undefined,
                      position: 'relative',
                    }}
                  >
                    {cell.day}
                    {holiday || makeup ? <sup style={{ fontSize: 9, marginLeft: 1 }}>{holiday ? '休' : '班'}</sup> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A year as twelve month grids: holidays (休) in red, make-up workdays (班) in blue, weekends grey. */
export function YearGrid({ year, marks }: { year: number; marks: ReadonlyMap<string, DayMark> }) {
  const holidays = [...marks.values()].filter((m) => m.kind === 'holiday').length;
  const makeup = [...marks.values()].filter((m) => m.kind === 'makeup_workday').length;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Tag color="red">休 放假 {holidays} 天</Tag>
        <Tag color="blue">班 调休上班 {makeup} 天</Tag>
        <Typography.Text type="secondary">全年工作日 {workingDaysOfYear(year, marks)} 天（可与通知核对）</Typography.Text>
      </Flex>
      <Flex wrap gap={20}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
          <Month key={m} year={year} month={m} marks={marks} />
        ))}
      </Flex>
    </Flex>
  );
}
