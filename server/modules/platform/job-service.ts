import type { JobInfo, JobRun } from '../../../common/jobs-api.ts';
import type { AuditContext } from '../../platform/audit.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { type Actor, requireRole } from '../../platform/scope.ts';

/** The scheduled jobs with their schedule, next run and newest runs (city_admin: they act on the whole city). */
export function listJobs(scheduler: Scheduler, actor: Actor): Promise<JobInfo[]> {
  requireRole(actor, 'city_admin');
  return scheduler.describe();
}

/** 立即运行: a job's current slot now, unless it runs or has succeeded (409); audited as platform.job.run. */
export function runJobNow(scheduler: Scheduler, actor: Actor, name: string, ctx: AuditContext): Promise<JobRun> {
  requireRole(actor, 'city_admin');
  return scheduler.runNow(name, ctx);
}
