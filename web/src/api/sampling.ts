/**
 * Supervision sampling (监督抽查) and grading (三分) — server/modules/inspections/sampling and …/grading:
 * typed API functions, query keys and the TanStack Query hooks over them.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CategoryInput,
  CategoryUpdate,
  CategoryVersion,
  FinalizeDueResult,
  GradedEnterprise,
  GradingRuleInput,
  GradingRuleVersion,
  IssueInput,
  ListGradedInput,
  ListPlansInput,
  ListPublicFailuresInput,
  ListSamplesInput,
  Page,
  PassRateQuery,
  PassRateReport,
  PlanDraftInput,
  PlanDraftResult,
  PlanInput,
  PlanUpdate,
  PublicFailure,
  RegionGrading,
  RetestRequestInput,
  RetestResultInput,
  SampleDetail,
  SampleInput,
  SampleSummary,
  SampleUpdate,
  SamplingCategory,
  SamplingPlan,
} from '../../../common/sampling/api.ts';
import { api } from './client';

export type * from '../../../common/sampling/api.ts';
export { ENTERPRISE_GRADES, REGION_COLOURS, RETEST_RULE_CODES, RISK_LEVELS, SAMPLE_STATUSES, VERDICTS } from '../../../common/sampling/api.ts';

const V1 = '/api/v1/sampling';
const enc = encodeURIComponent;

// --- plain functions, one per endpoint ---

export const listCategories = (includeInactive = false, signal?: AbortSignal) => api.get<SamplingCategory[]>(`${V1}/categories`, { includeInactive }, signal);
export const createCategory = (input: CategoryInput) => api.post<SamplingCategory>(`${V1}/categories`, input);
export const updateCategory = (id: string, input: CategoryUpdate) => api.patch<SamplingCategory>(`${V1}/categories/${enc(id)}`, input);
export const categoryVersions = (id: string, signal?: AbortSignal) => api.get<CategoryVersion[]>(`${V1}/categories/${enc(id)}/versions`, undefined, signal);

export const listPlans = (params: ListPlansInput, signal?: AbortSignal) => api.get<Page<SamplingPlan>>(`${V1}/plans`, { ...params }, signal);
export const createPlan = (input: PlanInput) => api.post<SamplingPlan>(`${V1}/plans`, input);
export const updatePlan = (id: string, input: PlanUpdate) => api.patch<SamplingPlan>(`${V1}/plans/${enc(id)}`, input);

export const listSamples = (params: ListSamplesInput, signal?: AbortSignal) => api.get<Page<SampleSummary>>(`${V1}/samples`, { ...params }, signal);
export const getSample = (id: string, signal?: AbortSignal) => api.get<SampleDetail>(`${V1}/samples/${enc(id)}`, undefined, signal);
export const createSample = (input: SampleInput) => api.post<SampleDetail>(`${V1}/samples`, input);
export const updateSample = (id: string, input: SampleUpdate) => api.patch<SampleDetail>(`${V1}/samples/${enc(id)}`, input);
export const issueSample = (id: string, input: IssueInput) => api.post<SampleDetail>(`${V1}/samples/${enc(id)}/issue`, input);
export const notifySample = (id: string, notifiedOn: string) => api.post<SampleDetail>(`${V1}/samples/${enc(id)}/notify`, { notifiedOn });
export const requestRetest = (id: string, input: RetestRequestInput) => api.post<SampleDetail>(`${V1}/samples/${enc(id)}/retest-request`, input);
export const recordRetestResult = (id: string, input: RetestResultInput) => api.post<SampleDetail>(`${V1}/samples/${enc(id)}/retest-result`, input);
export const finalizeSample = (id: string) => api.post<SampleDetail>(`${V1}/samples/${enc(id)}/finalize`);
export const publishSample = (id: string) => api.post<SampleDetail>(`${V1}/samples/${enc(id)}/publish`);
export const finalizeDue = (regionCode?: string) => api.post<FinalizeDueResult>(`${V1}/samples/finalize-due`, regionCode ? { regionCode } : {});

export const getPassRates = (query: PassRateQuery, signal?: AbortSignal) => api.get<PassRateReport>(`${V1}/pass-rates`, { ...query }, signal);
export const draftPlanValue = (input: PlanDraftInput) => api.post<PlanDraftResult>(`${V1}/pass-rates/plan-draft`, input);

export const getRegionGrading = (query: { year?: number; regionCode?: string }, signal?: AbortSignal) =>
  api.get<RegionGrading>('/api/v1/grading/regions', { ...query }, signal);
export const listGradedEnterprises = (params: ListGradedInput, signal?: AbortSignal) =>
  api.get<Page<GradedEnterprise>>('/api/v1/grading/enterprises', { ...params }, signal);
export const getGradingRule = (signal?: AbortSignal) => api.get<GradingRuleVersion>('/api/v1/grading/rule', undefined, signal);
export const setGradingRule = (input: GradingRuleInput) => api.post<GradingRuleVersion>('/api/v1/grading/rule', input);

export const listPublicFailures = (params: ListPublicFailuresInput, signal?: AbortSignal) =>
  api.get<Page<PublicFailure> & { demo: boolean }>('/api/v1/public/sampling/failures', { ...params }, signal);

// --- query keys and hooks ---

export const samplingKeys = {
  all: ['sampling'] as const,
  categories: (includeInactive: boolean) => ['sampling', 'categories', includeInactive] as const,
  categoryVersions: (id: string) => ['sampling', 'category-versions', id] as const,
  plans: (params: ListPlansInput) => ['sampling', 'plans', params] as const,
  samples: (params: ListSamplesInput) => ['sampling', 'samples', params] as const,
  sample: (id: string) => ['sampling', 'sample', id] as const,
  passRates: (query: PassRateQuery) => ['sampling', 'pass-rates', query] as const,
  regions: (query: { year?: number; regionCode?: string }) => ['sampling', 'grading', 'regions', query] as const,
  graded: (params: ListGradedInput) => ['sampling', 'grading', 'enterprises', params] as const,
  rule: ['sampling', 'grading', 'rule'] as const,
  publicFailures: (params: ListPublicFailuresInput) => ['public-sampling', params] as const,
};

export const useCategories = (includeInactive = false, enabled = true) =>
  useQuery({
    queryKey: samplingKeys.categories(includeInactive),
    queryFn: ({ signal }) => listCategories(includeInactive, signal),
    enabled,
    staleTime: 60_000,
  });

export const useCategoryVersions = (id: string | null) =>
  useQuery({ queryKey: samplingKeys.categoryVersions(id ?? ''), queryFn: ({ signal }) => categoryVersions(id ?? '', signal), enabled: id !== null });

export const usePlans = (params: ListPlansInput, enabled = true) =>
  useQuery({ queryKey: samplingKeys.plans(params), queryFn: ({ signal }) => listPlans(params, signal), placeholderData: keepPreviousData, enabled });

export const useSamples = (params: ListSamplesInput) =>
  useQuery({ queryKey: samplingKeys.samples(params), queryFn: ({ signal }) => listSamples(params, signal), placeholderData: keepPreviousData });

export const useSample = (id: string) => useQuery({ queryKey: samplingKeys.sample(id), queryFn: ({ signal }) => getSample(id, signal) });

export const usePassRates = (query: PassRateQuery) =>
  useQuery({ queryKey: samplingKeys.passRates(query), queryFn: ({ signal }) => getPassRates(query, signal), placeholderData: keepPreviousData });

export const useRegionGrading = (query: { year?: number; regionCode?: string }) =>
  useQuery({ queryKey: samplingKeys.regions(query), queryFn: ({ signal }) => getRegionGrading(query, signal), placeholderData: keepPreviousData });

export const useGradedEnterprises = (params: ListGradedInput) =>
  useQuery({ queryKey: samplingKeys.graded(params), queryFn: ({ signal }) => listGradedEnterprises(params, signal), placeholderData: keepPreviousData });

export const useGradingRule = () => useQuery({ queryKey: samplingKeys.rule, queryFn: ({ signal }) => getGradingRule(signal) });

export const usePublicFailures = (params: ListPublicFailuresInput) =>
  useQuery({ queryKey: samplingKeys.publicFailures(params), queryFn: ({ signal }) => listPublicFailures(params, signal), placeholderData: keepPreviousData });

/** A write to sampling data: refreshes every sampling query (lists, detail, rates, grades) when it succeeds. */
export function useSamplingMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: samplingKeys.all }) });
}
