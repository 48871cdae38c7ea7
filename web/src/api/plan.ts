/** Plan module (docs/api-plan.md): typed API functions, download addresses and the TanStack Query hooks over them. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentAdjustment,
  AssessmentResult,
  Evaluation,
  EvaluationKind,
  ImportReport,
  Indicator,
  IndicatorInput,
  IndicatorProgress,
  IndicatorValue,
  KeyProject,
  ListValuesInput,
  MeasureInput,
  Milestone,
  Plan,
  PlanDashboard,
  ProgressLogEntry,
  ProgressResult,
  ProgressStatus,
  ProjectKind,
  ProjectStatus,
  ProjectUpdate,
  PublicIndicator,
  Rubric,
  SaveValueInput,
} from '../../../common/plan-api.ts';
import { api, apiRequest } from './client';
import type { Page } from './platform-types';

export type * from '../../../common/plan-api.ts';
export {
  ACCUMULATIONS,
  directionSign,
  EVALUATION_KINDS,
  INDICATOR_DIRECTIONS,
  PROGRESS_STATUSES,
  PROJECT_KINDS,
  PROJECT_STATUSES,
  REGION_ROLLUPS,
  VALUE_STATUSES,
} from '../../../common/plan-api.ts';

const V1 = '/api/v1';
const enc = encodeURIComponent;

export interface ReferenceValue {
  year: number;
  value: number;
  source: string | null;
}

/** GET /indicators/:id. `methods` is not fixed by the contract: the page reads what it can and falls back to its own texts. */
export interface IndicatorDetail {
  indicator: Indicator;
  progress: IndicatorProgress[];
  referenceValues: ReferenceValue[];
  regionTargets: Record<string, number>;
  methods?: unknown;
}

/** A measure; `requiredNextValue` is read when a server offers it (beyond the contract's minimum). */
export type MeasureResult = ProgressResult & { requiredNextValue?: number | null };

export interface UpdateValueInput {
  value?: number;
  numerator?: number | null;
  denominator?: number | null;
  sourceNote?: string | null;
  attachmentId?: string | null;
}

export type ImportMode = ImportReport['mode'];
export interface Attachment {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

export interface EvaluationInput {
  kind: EvaluationKind;
  dataYear: number;
  asOf: string;
  title: string;
  narrative: string;
}

export interface RubricInput {
  weights: Record<string, number>;
  statusPoints: Record<ProgressStatus, number>;
  note: string | null;
}

export type AdjustmentInput = Pick<AssessmentAdjustment, 'regionCode' | 'kind' | 'points' | 'reason'>;

export interface ProjectFilter {
  kind?: ProjectKind;
  status?: ProjectStatus;
}

type Items<T> = { items: T[] };
const items = <T>(body: Items<T>) => body.items;
const put = <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body });

// --- plain functions, one per endpoint ---

export const listPlans = (signal?: AbortSignal) => api.get<Items<Plan>>(`${V1}/plans`, undefined, signal).then(items);
export const listIndicators = (planId: string, signal?: AbortSignal) =>
  api.get<Items<Indicator>>(`${V1}/plans/${enc(planId)}/indicators`, undefined, signal).then(items);
export const getIndicator = (id: string, signal?: AbortSignal) => api.get<IndicatorDetail>(`${V1}/indicators/${enc(id)}`, undefined, signal);
export const getProgressLog = (id: string, signal?: AbortSignal) =>
  api.get<{ items: ProgressLogEntry[] }>(`${V1}/indicators/${enc(id)}/progress-log`, { limit: 200 }, signal).then((body) => body.items);
export const putReferenceValue = (id: string, year: number, body: { value: number; source: string }) =>
  put<unknown>(`${V1}/indicators/${enc(id)}/reference-values/${year}`, body);
export const putRegionTarget = (id: string, regionCode: string, targetValue: number) =>
  put<unknown>(`${V1}/indicators/${enc(id)}/region-targets/${enc(regionCode)}`, { targetValue });

export const getProgress = (planId: string, year: number, regionCode: string | undefined, signal?: AbortSignal) =>
  api.get<Items<IndicatorProgress>>(`${V1}/plans/${enc(planId)}/progress`, { year, regionCode }, signal).then(items);
export const getDashboard = (planId: string, year: number, regionCode: string | undefined, signal?: AbortSignal) =>
  api.get<PlanDashboard>(`${V1}/plans/${enc(planId)}/dashboard`, { year, regionCode }, signal);
export const measureProgress = (input: MeasureInput) => api.post<MeasureResult>(`${V1}/progress/measure`, input);

export const listValues = (planId: string, params: ListValuesInput, signal?: AbortSignal) =>
  api.get<Page<IndicatorValue>>(`${V1}/plans/${enc(planId)}/values`, { ...params }, signal);

const ALL_PAGE_SIZE = 100;
/** Every page of a filtered value list (a year × region is at most 44 cells and their versions). */
export async function listAllValues(planId: string, filter: Omit<ListValuesInput, 'page' | 'pageSize'>, signal?: AbortSignal): Promise<IndicatorValue[]> {
  const all: IndicatorValue[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const body = await listValues(planId, { ...filter, page, pageSize: ALL_PAGE_SIZE }, signal);
    all.push(...body.items);
    if (body.items.length < ALL_PAGE_SIZE || all.length >= body.total) break;
  }
  return all;
}

export const saveValue = (planId: string, input: SaveValueInput) => api.post<IndicatorValue>(`${V1}/plans/${enc(planId)}/values`, input);
export const updateValue = (id: string, input: UpdateValueInput) => api.patch<IndicatorValue>(`${V1}/values/${enc(id)}`, input);
export const submitValue = (id: string) => api.post<IndicatorValue>(`${V1}/values/${enc(id)}/submit`);
export const approveValue = (id: string) => api.post<IndicatorValue>(`${V1}/values/${enc(id)}/approve`);
export const returnValue = (id: string, reason: string) => api.post<IndicatorValue>(`${V1}/values/${enc(id)}/return`, { reason });
export const submitValues = (ids: string[]) => api.post<Items<IndicatorValue>>(`${V1}/values/submit-batch`, { ids }).then(items);
export const approveValues = (ids: string[]) => api.post<Items<IndicatorValue>>(`${V1}/values/approve-batch`, { ids }).then(items);
export const getValueHistory = (id: string, signal?: AbortSignal) =>
  api.get<Items<IndicatorValue>>(`${V1}/values/${enc(id)}/history`, undefined, signal).then(items);
/** The workbook is for one year and region (the template's); the server checks its cells against them. */
export interface ImportValuesInput {
  fileBase64: string;
  year: number;
  regionCode: string;
  mode: ImportMode;
  dryRun: boolean;
}
export const importValues = (planId: string, input: ImportValuesInput) => api.post<ImportReport>(`${V1}/plans/${enc(planId)}/values/import`, input);
export const uploadAttachment = (input: { fileName: string; contentType: string; contentBase64: string }) => api.post<Attachment>(`${V1}/attachments`, input);

export const listEvaluations = (planId: string, signal?: AbortSignal) =>
  api.get<Items<Evaluation>>(`${V1}/plans/${enc(planId)}/evaluations`, undefined, signal).then(items);
export const createEvaluation = (planId: string, input: EvaluationInput) => api.post<Evaluation>(`${V1}/plans/${enc(planId)}/evaluations`, input);
export const getEvaluation = (id: string, signal?: AbortSignal) => api.get<Evaluation>(`${V1}/evaluations/${enc(id)}`, undefined, signal);
export const updateEvaluation = (id: string, input: Partial<Pick<Evaluation, 'title' | 'narrative' | 'asOf'>>) =>
  api.patch<Evaluation>(`${V1}/evaluations/${enc(id)}`, input);
export const freezeEvaluation = (id: string) => api.post<Evaluation>(`${V1}/evaluations/${enc(id)}/freeze`);

export const getAssessment = (planId: string, year: number, signal?: AbortSignal) =>
  api.get<AssessmentResult>(`${V1}/plans/${enc(planId)}/assessment/${year}`, undefined, signal);
export const putRubric = (planId: string, year: number, input: RubricInput) => put<Rubric>(`${V1}/plans/${enc(planId)}/assessment/${year}/rubric`, input);
export const addAdjustment = (planId: string, year: number, input: AdjustmentInput) =>
  api.post<AssessmentAdjustment>(`${V1}/plans/${enc(planId)}/assessment/${year}/adjustments`, input);

export const listProjects = (planId: string, filter: ProjectFilter, signal?: AbortSignal) =>
  api.get<Items<KeyProject>>(`${V1}/plans/${enc(planId)}/projects`, { ...filter }, signal).then(items);
export const getProject = (id: string, signal?: AbortSignal) => api.get<KeyProject>(`${V1}/projects/${enc(id)}`, undefined, signal);
export const updateProject = (id: string, input: { leadUnit?: string | null; status?: ProjectStatus }) =>
  api.patch<KeyProject>(`${V1}/projects/${enc(id)}`, input);
export const addMilestone = (projectId: string, input: { title: string; dueDate: string }) =>
  api.post<Milestone>(`${V1}/projects/${enc(projectId)}/milestones`, input);
export const setMilestoneDone = (id: string, completedAt: string | null) => api.patch<Milestone>(`${V1}/milestones/${enc(id)}`, { completedAt });
export const addProjectUpdate = (projectId: string, input: { content: string; statusAfter?: ProjectStatus; attachmentId?: string }) =>
  api.post<ProjectUpdate>(`${V1}/projects/${enc(projectId)}/updates`, input);

export const listPublicPlans = (signal?: AbortSignal) => api.get<Items<Plan>>(`${V1}/public/plans`, undefined, signal).then(items);
export const getPublicIndicators = (planId: string, signal?: AbortSignal) =>
  api.get<{ items: PublicIndicator[]; year: number | null; demo: boolean }>(`${V1}/public/plans/${enc(planId)}/indicators`, undefined, signal);

/** Files the browser downloads itself (same-origin links carry the session cookie). */
export const planFiles = {
  indicatorsXlsx: (planId: string) => `${V1}/plans/${enc(planId)}/indicators.xlsx`,
  valuesTemplate: (planId: string, year: number, regionCode: string) =>
    `${V1}/plans/${enc(planId)}/values/template.xlsx?${new URLSearchParams({ year: String(year), regionCode })}`,
  evaluationReport: (id: string, format: 'xlsx' | 'pdf') => `${V1}/evaluations/${enc(id)}/report.${format}`,
  attachment: (id: string) => `${V1}/attachments/${enc(id)}`,
};

// --- query keys ---

export const planKeys = {
  all: ['plan'] as const,
  plans: () => [...planKeys.all, 'plans'] as const,
  indicators: (planId: string) => [...planKeys.all, 'indicators', planId] as const,
  indicator: (id: string) => [...planKeys.all, 'indicator', id] as const,
  progress: (planId: string, year: number, regionCode: string | undefined) => [...planKeys.all, 'progress', planId, year, regionCode ?? null] as const,
  dashboard: (planId: string, year: number, regionCode: string | undefined) => [...planKeys.all, 'dashboard', planId, year, regionCode ?? null] as const,
  values: (planId: string, params: object) => [...planKeys.all, 'values', planId, params] as const,
  history: (id: string) => [...planKeys.all, 'history', id] as const,
  evaluations: (planId: string) => [...planKeys.all, 'evaluations', planId] as const,
  evaluation: (id: string) => [...planKeys.all, 'evaluation', id] as const,
  assessment: (planId: string, year: number) => [...planKeys.all, 'assessment', planId, year] as const,
  projects: (planId: string, filter: ProjectFilter) => [...planKeys.all, 'projects', planId, filter] as const,
  project: (id: string) => [...planKeys.all, 'project', id] as const,
  publicPlans: () => [...planKeys.all, 'public', 'plans'] as const,
  publicIndicators: (planId: string) => [...planKeys.all, 'public', 'indicators', planId] as const,
};

// --- query hooks ---

const LONG = 5 * 60_000;

export const usePlans = () => useQuery({ queryKey: planKeys.plans(), queryFn: ({ signal }) => listPlans(signal), staleTime: LONG });
export const useIndicators = (planId: string | undefined) =>
  useQuery({ queryKey: planKeys.indicators(planId ?? ''), queryFn: ({ signal }) => listIndicators(planId ?? '', signal), enabled: !!planId, staleTime: LONG });
export const useIndicator = (id: string) => useQuery({ queryKey: planKeys.indicator(id), queryFn: ({ signal }) => getIndicator(id, signal) });
export const useProgressLog = (id: string) => useQuery({ queryKey: [...planKeys.indicator(id), 'log'], queryFn: ({ signal }) => getProgressLog(id, signal) });
export const useProgress = (planId: string | undefined, year: number, regionCode?: string) =>
  useQuery({
    queryKey: planKeys.progress(planId ?? '', year, regionCode),
    queryFn: ({ signal }) => getProgress(planId ?? '', year, regionCode, signal),
    enabled: !!planId,
    placeholderData: keepPreviousData,
  });
export const useDashboard = (planId: string | undefined, year: number, regionCode: string | undefined) =>
  useQuery({
    queryKey: planKeys.dashboard(planId ?? '', year, regionCode),
    queryFn: ({ signal }) => getDashboard(planId ?? '', year, regionCode, signal),
    enabled: !!planId,
    placeholderData: keepPreviousData,
  });
export const useValuePage = (planId: string, params: ListValuesInput) =>
  useQuery({ queryKey: planKeys.values(planId, params), queryFn: ({ signal }) => listValues(planId, params, signal), placeholderData: keepPreviousData });
export const useAllValues = (planId: string, filter: Omit<ListValuesInput, 'page' | 'pageSize'>, enabled = true) =>
  useQuery({ queryKey: planKeys.values(planId, { all: true, ...filter }), queryFn: ({ signal }) => listAllValues(planId, filter, signal), enabled });
export const useValueHistory = (id: string | null) =>
  useQuery({ queryKey: planKeys.history(id ?? ''), queryFn: ({ signal }) => getValueHistory(id ?? '', signal), enabled: !!id });
export const useEvaluations = (planId: string) =>
  useQuery({ queryKey: planKeys.evaluations(planId), queryFn: ({ signal }) => listEvaluations(planId, signal) });
export const useEvaluation = (id: string) => useQuery({ queryKey: planKeys.evaluation(id), queryFn: ({ signal }) => getEvaluation(id, signal) });
export const useAssessment = (planId: string, year: number) =>
  useQuery({ queryKey: planKeys.assessment(planId, year), queryFn: ({ signal }) => getAssessment(planId, year, signal), placeholderData: keepPreviousData });
export const useProjects = (planId: string, filter: ProjectFilter) =>
  useQuery({ queryKey: planKeys.projects(planId, filter), queryFn: ({ signal }) => listProjects(planId, filter, signal), placeholderData: keepPreviousData });
export const useProject = (id: string | null) =>
  useQuery({ queryKey: planKeys.project(id ?? ''), queryFn: ({ signal }) => getProject(id ?? '', signal), enabled: !!id });
export const usePublicPlans = () => useQuery({ queryKey: planKeys.publicPlans(), queryFn: ({ signal }) => listPublicPlans(signal), staleTime: LONG });
export const usePublicIndicators = (planId: string | undefined) =>
  useQuery({
    queryKey: planKeys.publicIndicators(planId ?? ''),
    queryFn: ({ signal }) => getPublicIndicators(planId ?? '', signal),
    enabled: !!planId,
  });

// --- mutations: every write can move statuses, counts and scores, so all plan queries refresh after it ---

export function usePlanMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: planKeys.all }) });
}

/** What-if measures change nothing on the server. */
export const useMeasure = () => useMutation({ mutationFn: measureProgress });
export const useUploadAttachment = () => useMutation({ mutationFn: uploadAttachment });

// --- plan administration (规划管理): new plans and indicator definitions, city_admin only ---

export interface CreatePlanInput {
  code: string;
  name: string;
  baseYear: number;
  startYear: number;
  endYear: number;
  sourceNote?: string | null;
}

/** PATCH /indicators/:id: any definition fields, and responsible units per district/county ("" removes one). */
export type UpdateIndicatorInput = Partial<IndicatorInput> & { responsibleUnits?: Record<string, string> };

export interface ImportIndicatorsInput {
  fileBase64: string;
  mode: ImportMode;
  dryRun: boolean;
}

export const createPlan = (input: CreatePlanInput) => api.post<Plan>(`${V1}/plans`, input);
/** Draft → active (the plan every page opens on) → closed. */
export const updatePlan = (planId: string, input: { name?: string; status?: Plan['status']; sourceNote?: string | null }) =>
  api.patch<Plan>(`${V1}/plans/${enc(planId)}`, input);
export const createIndicator = (planId: string, input: IndicatorInput) => api.post<Indicator>(`${V1}/plans/${enc(planId)}/indicators`, input);
export const updateIndicator = (id: string, input: UpdateIndicatorInput) => api.patch<Indicator>(`${V1}/indicators/${enc(id)}`, input);
/** Creates or updates the plan's indicators by code (the indicator list workbook, planFiles.indicatorsXlsx). */
export const importIndicators = (planId: string, input: ImportIndicatorsInput) => api.post<ImportReport>(`${V1}/plans/${enc(planId)}/indicators/import`, input);
