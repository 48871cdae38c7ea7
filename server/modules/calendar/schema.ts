/** Request/response JSON Schemas of the calendar module (validation + OpenAPI). */

export { errors } from '../platform/schema.ts';

const civilDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2025-09-26' } as const;

export const workdayDateSchema = {
  $id: 'WorkdayDate',
  type: 'object',
  required: ['date'],
  additionalProperties: false,
  properties: {
    date: { ...civilDate, description: '第 N 个工作日（法定节假日与调休已计入）/ the Nth working day (statutory holidays and make-up days applied)' },
  },
} as const;

export const calendarSchemas = [workdayDateSchema];

export const addWorkdaysQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'days'],
  properties: {
    from: { ...civilDate, description: '起算日（不计入）/ start date, not counted (YYYY-MM-DD)' },
    days: { type: 'integer', minimum: 0, maximum: 10000, description: '工作日数 N（0 返回起算日本身）/ working days N (0 returns `from`)' },
  },
} as const;
