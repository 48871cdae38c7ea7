import type { JobDefinition } from '../../../platform/scheduler.ts';
import { recomputeCreditClasses } from './recompute.ts';

/**
 * 每月信用风险分类: on the 1st at 02:00 Asia/Shanghai, every active entity is classified for the new month
 * (国市监信发〔2022〕6号: SAMR reclassifies monthly) as of that day. The slot is the period ('2026-12'); a run
 * caught up later in the month classifies as of the day it runs. The run writes its own entity_credit_run
 * and audit rows (run by system:scheduler).
 */
export const creditMonthlyRecomputeJob: JobDefinition = {
  name: 'credit.monthly_recompute',
  title: '每月信用风险分类',
  schedule: { kind: 'monthly', day: 1, at: '02:00' },
  async run(ctx) {
    const result = await recomputeCreditClasses(ctx.db, ctx.slot, { audit: ctx.audit, today: ctx.today });
    return { ...result };
  },
};
