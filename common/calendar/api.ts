/**
 * Request and response shapes of the calendar API (server/modules/calendar), shared by the server and the web
 * client: the statutory holiday years an administrator enters from the State Council notices
 * (国务院办公厅关于YYYY年部分节假日安排的通知) once the chinese-days package's data ends.
 */

/** The statutory holidays a notice schedules (全国年节及纪念日放假办法 第二条: 元旦、春节、清明节、劳动节、端午节、中秋节、国庆节). */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

/** One block of days off as the notice states it: "2月15日至23日放假调休，共9天" → 春节, 02-15 … 02-23 (both inclusive). */
export interface HolidayBlock {
  name: HolidayName;
  firstDay: string;
  lastDay: string;
}

/** A year's notice as the administrator enters it (create or replace the draft). */
export interface CalendarYearInput {
  /** 文号, e.g. 国办发明电〔2025〕7号 */
  noticeNumber: string;
  noticeTitle: string;
  /** The day the notice was published (YYYY-MM-DD). */
  noticePublishedOn: string;
  /** Where it was read, e.g. the gov.cn page. */
  noticeUrl: string;
  holidays: HolidayBlock[];
  /** Saturdays and Sundays the notice makes working days (调休上班). */
  makeupWorkdays: string[];
}

export const CALENDAR_YEAR_STATUSES = ['draft', 'published'] as const;
export type CalendarYearStatus = (typeof CALENDAR_YEAR_STATUSES)[number];

/** An entered year. `inEffect`: published and part of the calendar deadlines are counted on. */
export interface CalendarYear extends CalendarYearInput {
  year: number;
  status: CalendarYearStatus;
  inEffect: boolean;
  /** A newer chinese-days package covers this year: the package's data is used instead. */
  supersededByPackage: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

/** Where the calendar's data for a year comes from. */
export type CoverageSource = 'package' | 'notice';

export interface CoverageYear {
  year: number;
  source: CoverageSource;
  /** The notice's 文号 for an entered year; null for the package's years. */
  noticeNumber: string | null;
}

/** The years deadlines can be counted in: whole years, contiguous. */
export interface CalendarCoverageInfo {
  firstYear: number;
  lastYear: number;
  /** The data package and the last year it covers. */
  package: { name: string; version: string; lastYear: number };
  years: CoverageYear[];
}

/** A row of the years list: every covered year, and the entered years not (yet) in effect. */
export interface CalendarYearSummary {
  year: number;
  source: CoverageSource;
  /** null for package years. */
  status: CalendarYearStatus | null;
  inEffect: boolean;
  supersededByPackage: boolean;
  noticeNumber: string | null;
  noticeTitle: string | null;
  publishedAt: string | null;
}

export interface CalendarYearPage {
  items: CalendarYearSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export type SpecialDayKind = 'holiday' | 'makeup_workday';

/** The days of a covered year that are not ordinary (Mon–Fri working, Sat/Sun off), for a month view. */
export interface CalendarYearDays {
  year: number;
  source: CoverageSource;
  days: { date: string; kind: SpecialDayKind; name: string | null }[];
}
