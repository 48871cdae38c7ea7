/** Request/response JSON Schemas of the calendar module (validation + OpenAPI). */
import { CALENDAR_YEAR_STATUSES, HOLIDAY_NAMES } from '../../../common/calendar/api.ts';
import { pageQuery } from '../platform/schema.ts';

export { errors } from '../platform/schema.ts';

const civilDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2025-09-26' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const source = { type: 'string', enum: ['package', 'notice'], description: 'package: chinese-days 数据包; notice: 管理员录入的国务院办公厅通知' } as const;

export const workdayDateSchema = {
  $id: 'WorkdayDate',
  type: 'object',
  required: ['date'],
  additionalProperties: false,
  properties: {
    date: { ...civilDate, description: '第 N 个工作日（法定节假日与调休已计入）/ the Nth working day (statutory holidays and make-up days applied)' },
  },
} as const;

const holidayBlock = {
  type: 'object',
  required: ['name', 'firstDay', 'lastDay'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', enum: HOLIDAY_NAMES },
    firstDay: { ...civilDate, description: '放假第一天 / first day off' },
    lastDay: { ...civilDate, description: '放假最后一天（含）/ last day off, inclusive' },
  },
} as const;

const yearInputProperties = {
  noticeNumber: { type: 'string', minLength: 1, maxLength: 100, example: '国办发明电〔2099〕1号', description: '通知文号 / document number' },
  noticeTitle: { type: 'string', minLength: 1, maxLength: 200, description: '通知标题 / title' },
  noticePublishedOn: { ...civilDate, description: '通知发布日期 / publication date' },
  noticeUrl: { type: 'string', minLength: 8, maxLength: 500, pattern: '^https?://', description: '通知原文网址 / where the notice was read' },
  holidays: { type: 'array', minItems: 1, maxItems: 20, items: holidayBlock, description: '放假安排（按段）/ holiday blocks' },
  makeupWorkdays: { type: 'array', maxItems: 20, items: civilDate, description: '调休上班日（周六、周日）/ make-up workdays (Saturdays, Sundays)' },
} as const;

export const calendarYearSchema = {
  $id: 'CalendarYear',
  type: 'object',
  required: [
    'year',
    'status',
    'inEffect',
    'supersededByPackage',
    'noticeNumber',
    'noticeTitle',
    'noticePublishedOn',
    'noticeUrl',
    'holidays',
    'makeupWorkdays',
  ],
  properties: {
    year: { type: 'integer' },
    ...yearInputProperties,
    status: { type: 'string', enum: CALENDAR_YEAR_STATUSES },
    inEffect: { type: 'boolean', description: '已发布且计入法定工作日历 / published and part of the statutory calendar' },
    supersededByPackage: { type: 'boolean', description: '数据包已覆盖该年，以数据包为准 / a newer package covers the year' },
    createdBy: nullableString,
    createdAt: dateTime,
    updatedBy: nullableString,
    updatedAt: dateTime,
    publishedBy: nullableString,
    publishedAt: nullableDateTime,
  },
} as const;

export const calendarCoverageSchema = {
  $id: 'CalendarCoverage',
  type: 'object',
  required: ['firstYear', 'lastYear', 'package', 'years'],
  properties: {
    firstYear: { type: 'integer' },
    lastYear: { type: 'integer' },
    package: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' }, lastYear: { type: 'integer' } } },
    years: {
      type: 'array',
      items: { type: 'object', required: ['year', 'source', 'noticeNumber'], properties: { year: { type: 'integer' }, source, noticeNumber: nullableString } },
    },
  },
} as const;

export const calendarYearPageSchema = {
  $id: 'CalendarYearPage',
  type: 'object',
  required: ['items', 'total', 'page', 'pageSize'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['year', 'source', 'status', 'inEffect', 'supersededByPackage', 'noticeNumber', 'noticeTitle', 'publishedAt'],
        properties: {
          year: { type: 'integer' },
          source,
          status: { type: ['string', 'null'], enum: [...CALENDAR_YEAR_STATUSES, null] },
          inEffect: { type: 'boolean' },
          supersededByPackage: { type: 'boolean' },
          noticeNumber: nullableString,
          noticeTitle: nullableString,
          publishedAt: nullableDateTime,
        },
      },
    },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  },
} as const;

export const calendarYearDaysSchema = {
  $id: 'CalendarYearDays',
  type: 'object',
  required: ['year', 'source', 'days'],
  properties: {
    year: { type: 'integer' },
    source,
    days: {
      type: 'array',
      items: {
        type: 'object',
        required: ['date', 'kind', 'name'],
        properties: { date: civilDate, kind: { type: 'string', enum: ['holiday', 'makeup_workday'] }, name: nullableString },
      },
    },
  },
} as const;

export const calendarSchemas = [workdayDateSchema, calendarYearSchema, calendarCoverageSchema, calendarYearPageSchema, calendarYearDaysSchema];

export const addWorkdaysQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'days'],
  properties: {
    from: { ...civilDate, description: '起算日（不计入）/ start date, not counted (YYYY-MM-DD)' },
    days: { type: 'integer', minimum: 0, maximum: 10000, description: '工作日数 N（0 返回起算日本身）/ working days N (0 returns `from`)' },
  },
} as const;

export const yearParams = {
  type: 'object',
  required: ['year'],
  additionalProperties: false,
  properties: { year: { type: 'integer', minimum: 1900, maximum: 2100 } },
} as const;

export const yearsQuery = { type: 'object', additionalProperties: false, properties: { ...pageQuery } } as const;

export const createYearBody = {
  type: 'object',
  required: ['year', 'noticeNumber', 'noticeTitle', 'noticePublishedOn', 'noticeUrl', 'holidays', 'makeupWorkdays'],
  additionalProperties: false,
  properties: { year: { type: 'integer', minimum: 1900, maximum: 2100, description: '年度 / year' }, ...yearInputProperties },
} as const;

export const updateYearBody = {
  type: 'object',
  required: ['noticeNumber', 'noticeTitle', 'noticePublishedOn', 'noticeUrl', 'holidays', 'makeupWorkdays'],
  additionalProperties: false,
  properties: yearInputProperties,
} as const;

export const unpublishBody = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 500, description: '撤回理由 / why' } },
} as const;
