/**
 * The statutory calendar (法定节假日安排) — server/modules/calendar: the covered years, the years the city
 * administrator enters from the State Council's notices, and the TanStack Query hooks over them.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarCoverageInfo, CalendarYear, CalendarYearDays, CalendarYearInput, CalendarYearPage } from '../../../common/calendar/api.ts';
import { api, apiRequest } from './client';

export type * from '../../../common/calendar/api.ts';
export { HOLIDAY_NAMES } from '../../../common/calendar/api.ts';

const V1 = '/api/v1/calendar';

// --- plain functions, one per endpoint ---

export const getCoverage = (signal?: AbortSignal) => api.get<CalendarCoverageInfo>(`${V1}/coverage`, undefined, signal);
export const listYears = (params: { page: number; pageSize: number }, signal?: AbortSignal) => api.get<CalendarYearPage>(`${V1}/years`, { ...params }, signal);
export const getYear = (year: number, signal?: AbortSignal) => api.get<CalendarYear>(`${V1}/years/${year}`, undefined, signal);
export const getYearDays = (year: number, signal?: AbortSignal) => api.get<CalendarYearDays>(`${V1}/years/${year}/days`, undefined, signal);
export const createYear = (input: CalendarYearInput & { year: number }) => api.post<CalendarYear>(`${V1}/years`, input);
export const updateYear = (year: number, input: CalendarYearInput) => apiRequest<CalendarYear>(`${V1}/years/${year}`, { method: 'PUT', body: input });
export const publishYear = (year: number) => api.post<CalendarYear>(`${V1}/years/${year}/publish`);
export const unpublishYear = (year: number, reason: string) => api.post<CalendarYear>(`${V1}/years/${year}/unpublish`, { reason });

// --- query keys and hooks ---

export const calendarKeys = {
  all: ['calendar'] as const,
  coverage: ['calendar', 'coverage'] as const,
  years: (params: { page: number; pageSize: number }) => ['calendar', 'years', params] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
  days: (year: number) => ['calendar', 'days', year] as const,
};

export const useCoverage = () => useQuery({ queryKey: calendarKeys.coverage, queryFn: ({ signal }) => getCoverage(signal) });

export const useCalendarYears = (params: { page: number; pageSize: number }) =>
  useQuery({ queryKey: calendarKeys.years(params), queryFn: ({ signal }) => listYears(params, signal), placeholderData: keepPreviousData });

export const useCalendarYear = (year: number | null) =>
  useQuery({ queryKey: calendarKeys.year(year ?? 0), queryFn: ({ signal }) => getYear(year ?? 0, signal), enabled: year !== null });

export const useYearDays = (year: number | null) =>
  useQuery({ queryKey: calendarKeys.days(year ?? 0), queryFn: ({ signal }) => getYearDays(year ?? 0, signal), enabled: year !== null });

/** A write to the calendar: refreshes every calendar query (coverage, list, year, days) when it succeeds. */
export function useCalendarMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: calendarKeys.all }) });
}
