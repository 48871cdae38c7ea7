/**
 * 定时任务 — the platform's scheduled jobs (server/platform/scheduler.ts, docs/api-platform.md § Scheduled jobs):
 * their schedule, next run and newest runs, and 立即运行.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobInfo, JobRun } from '../../../common/jobs-api.ts';
import { api } from './client';

export type * from '../../../common/jobs-api.ts';

const V1 = '/api/v1/platform/jobs';

export const listJobs = (signal?: AbortSignal) => api.get<{ items: JobInfo[] }>(V1, undefined, signal).then((body) => body.items);
export const runJob = (name: string) => api.post<JobRun>(`${V1}/${encodeURIComponent(name)}/run`);

export const jobKeys = { all: ['platform', 'jobs'] as const };

/** Polls while a run is in progress, so its result shows without a reload. */
export const useJobs = () =>
  useQuery({
    queryKey: jobKeys.all,
    queryFn: ({ signal }) => listJobs(signal),
    refetchInterval: (query) => (query.state.data?.some((j) => j.lastRuns[0]?.status === 'running') ? 3000 : false),
  });

export function useRunJob() {
  const client = useQueryClient();
  return useMutation({ mutationFn: runJob, onSettled: () => client.invalidateQueries({ queryKey: jobKeys.all }) });
}
