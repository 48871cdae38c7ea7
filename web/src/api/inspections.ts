/**
 * Inspections module (双随机、一公开, server/modules/inspections): typed API functions, query keys and the
 * TanStack Query hooks over them. The only code of the module that talks to the server.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublishedDraw } from '../../../common/draw/types.ts';
import type {
  AssignInput,
  ConflictInput,
  DrawInput,
  DrawVerification,
  Evidence,
  EvidenceInput,
  FinishInput,
  FollowUpInput,
  InspectionItem,
  InspectionPlan,
  Inspector,
  InspectorInput,
  InspectorUpdate,
  ItemInput,
  ItemRevision,
  ListInspectorsInput,
  ListTasksInput,
  MyTarget,
  Page,
  PlanInput,
  PlanUpdate,
  PublicationQueueEntry,
  PublicTaskResults,
  PublicTaskSummary,
  PublicVerification,
  Recusal,
  RecusalInput,
  ResultInput,
  TargetPoolPreview,
  TaskDetail,
  TaskInput,
  TaskSummary,
  TaskTarget,
  TaskUpdate,
} from '../../../common/inspection-api.ts';
import { api, apiRequest } from './client';

export type * from '../../../common/inspection-api.ts';
export { RESULT_CATEGORIES, TASK_STATUSES } from '../../../common/inspection-api.ts';

const V1 = '/api/v1';
const enc = encodeURIComponent;

/** The scope filter of the target-pool preview: lists go as comma-separated values. */
export interface TargetPoolParams {
  regionCode: string;
  regionCodes?: string[];
  industries?: string[];
  specialLists?: string[];
  statuses?: string[];
  page: number;
  pageSize: number;
}

const csv = (values: string[] | undefined) => (values && values.length > 0 ? values.join(',') : undefined);

// --- plain functions, one per endpoint ---

export const listInspectors = (params: ListInspectorsInput, signal?: AbortSignal) =>
  api.get<Page<Inspector>>(`${V1}/inspection-inspectors`, { ...params }, signal);
export const createInspector = (input: InspectorInput) => api.post<Inspector>(`${V1}/inspection-inspectors`, input);
export const updateInspector = (id: string, input: InspectorUpdate) => api.patch<Inspector>(`${V1}/inspection-inspectors/${enc(id)}`, input);
export const declareConflict = (id: string, input: ConflictInput) => api.post<Inspector>(`${V1}/inspection-inspectors/${enc(id)}/conflicts`, input);
export const withdrawConflict = (id: string, creditCode: string) =>
  apiRequest<Inspector>(`${V1}/inspection-inspectors/${enc(id)}/conflicts/${enc(creditCode)}`, { method: 'DELETE' });

export const previewTargetPool = (p: TargetPoolParams, signal?: AbortSignal) =>
  api.get<TargetPoolPreview>(
    `${V1}/inspection-target-pool`,
    {
      regionCode: p.regionCode,
      regionCodes: csv(p.regionCodes),
      industries: csv(p.industries),
      specialLists: csv(p.specialLists),
      statuses: csv(p.statuses),
      page: p.page,
      pageSize: p.pageSize,
    },
    signal,
  );

export const listItems = (history: boolean, signal?: AbortSignal) => api.get<InspectionItem[]>(`${V1}/inspection-items`, { history }, signal);
export const listPublicItems = (signal?: AbortSignal) => api.get<InspectionItem[]>(`${V1}/public/inspection-items`, undefined, signal);
export const createItem = (input: ItemInput) => api.post<InspectionItem>(`${V1}/inspection-items`, input);
export const reviseItem = (id: string, input: ItemRevision) => api.post<InspectionItem>(`${V1}/inspection-items/${enc(id)}/revise`, input);
export const retireItem = (id: string) => api.post<InspectionItem>(`${V1}/inspection-items/${enc(id)}/retire`);

export const listPlans = (params: { page: number; pageSize: number; year?: number }, signal?: AbortSignal) =>
  api.get<Page<InspectionPlan>>(`${V1}/inspection-plans`, { ...params }, signal);
export const createPlan = (input: PlanInput) => api.post<InspectionPlan>(`${V1}/inspection-plans`, input);
export const updatePlan = (id: string, input: PlanUpdate) => api.patch<InspectionPlan>(`${V1}/inspection-plans/${enc(id)}`, input);

export const listTasks = (params: ListTasksInput, signal?: AbortSignal) => api.get<Page<TaskSummary>>(`${V1}/inspection-tasks`, { ...params }, signal);
export const getTask = (id: string, signal?: AbortSignal) => api.get<TaskDetail>(`${V1}/inspection-tasks/${enc(id)}`, undefined, signal);
export const createTask = (input: TaskInput) => api.post<TaskDetail>(`${V1}/inspection-tasks`, input);
export const updateTask = (id: string, input: TaskUpdate) => api.patch<TaskDetail>(`${V1}/inspection-tasks/${enc(id)}`, input);
export const assignTask = (id: string, input: AssignInput) => api.post<TaskDetail>(`${V1}/inspection-tasks/${enc(id)}/assign`, input);

/** The ceremony steps: freeze → commit → draw (unfreeze goes back to draft before the draw). */
export const taskStep = (id: string, step: 'freeze' | 'unfreeze' | 'commit') => api.post<TaskDetail>(`${V1}/inspection-tasks/${enc(id)}/${step}`);
export const drawTask = (id: string, input: DrawInput) => api.post<TaskDetail>(`${V1}/inspection-tasks/${enc(id)}/draw`, input);
export const finishTask = (id: string, input: FinishInput) => api.post<TaskDetail>(`${V1}/inspection-tasks/${enc(id)}/finish`, input);
export const publishTask = (id: string) => api.post<TaskDetail>(`${V1}/inspection-tasks/${enc(id)}/publish`);

export const getDrawRecord = (id: string, signal?: AbortSignal) => api.get<PublishedDraw>(`${V1}/inspection-tasks/${enc(id)}/draw-record`, undefined, signal);
export const getVerification = (id: string, signal?: AbortSignal) =>
  api.get<DrawVerification>(`${V1}/inspection-tasks/${enc(id)}/verification`, undefined, signal);

export const applyRecusal = (taskId: string, input: RecusalInput) => api.post<Recusal>(`${V1}/inspection-tasks/${enc(taskId)}/recusals`, input);
export const decideRecusal = (id: string, decision: 'approve' | 'reject', note: string | null) =>
  api.post<Recusal>(`${V1}/inspection-recusals/${enc(id)}/${decision}`, { note });

export const listTargets = (taskId: string, params: { page: number; pageSize: number; q?: string }, signal?: AbortSignal) =>
  api.get<Page<TaskTarget>>(`${V1}/inspection-tasks/${enc(taskId)}/targets`, { ...params }, signal);
export const listMyTargets = (params: { page: number; pageSize: number; open: boolean }, signal?: AbortSignal) =>
  api.get<Page<MyTarget>>(`${V1}/inspection-my-targets`, { ...params }, signal);
export const recordResult = (targetId: string, input: ResultInput) =>
  apiRequest<TaskTarget>(`${V1}/inspection-targets/${enc(targetId)}/result`, { method: 'PUT', body: input });
export const updateFollowUp = (targetId: string, input: FollowUpInput) => api.patch<TaskTarget>(`${V1}/inspection-targets/${enc(targetId)}/follow-up`, input);
export const uploadEvidence = (targetId: string, input: EvidenceInput) => api.post<Evidence>(`${V1}/inspection-targets/${enc(targetId)}/evidence`, input);
/** Where an evidence file downloads from (a plain link: the browser saves the attachment). */
export const evidenceUrl = (id: string) => `${V1}/inspection-evidence/${enc(id)}`;

export const publicationQueue = (params: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Page<PublicationQueueEntry>>(`${V1}/inspection-publication-queue`, { ...params }, signal);

export const listPublicResults = (params: { page: number; pageSize: number; q?: string }, signal?: AbortSignal) =>
  api.get<Page<PublicTaskSummary>>(`${V1}/public/inspection-results`, { ...params }, signal);
export const getPublicResults = (id: string, signal?: AbortSignal) =>
  api.get<PublicTaskResults>(`${V1}/public/inspection-results/${enc(id)}`, undefined, signal);
export const getPublicVerification = (id: string, signal?: AbortSignal) =>
  api.get<PublicVerification>(`${V1}/public/inspection-tasks/${enc(id)}/verification`, undefined, signal);

// --- query keys and hooks ---

export const inspectionKeys = {
  all: ['inspections'] as const,
  inspectors: (params: ListInspectorsInput) => ['inspections', 'inspectors', params] as const,
  pool: (params: TargetPoolParams) => ['inspections', 'pool', params] as const,
  items: (history: boolean) => ['inspections', 'items', history] as const,
  plans: (params: object) => ['inspections', 'plans', params] as const,
  tasks: (params: ListTasksInput) => ['inspections', 'tasks', params] as const,
  task: (id: string) => ['inspections', 'task', id] as const,
  targets: (id: string, params: object) => ['inspections', 'targets', id, params] as const,
  myTargets: (params: object) => ['inspections', 'my-targets', params] as const,
  queue: (params: object) => ['inspections', 'queue', params] as const,
  verification: (id: string) => ['inspections', 'verification', id] as const,
  publicResults: (params: object) => ['public-inspections', 'results', params] as const,
  publicResult: (id: string) => ['public-inspections', 'result', id] as const,
  publicVerification: (id: string) => ['public-inspections', 'verification', id] as const,
  publicItems: ['public-inspections', 'items'] as const,
};

export const useInspectors = (params: ListInspectorsInput) =>
  useQuery({ queryKey: inspectionKeys.inspectors(params), queryFn: ({ signal }) => listInspectors(params, signal), placeholderData: keepPreviousData });

export const useTargetPool = (params: TargetPoolParams, enabled = true) =>
  useQuery({ queryKey: inspectionKeys.pool(params), queryFn: ({ signal }) => previewTargetPool(params, signal), placeholderData: keepPreviousData, enabled });

export const useItems = (history = false) => useQuery({ queryKey: inspectionKeys.items(history), queryFn: ({ signal }) => listItems(history, signal) });

export const usePlans = (params: { page: number; pageSize: number; year?: number }) =>
  useQuery({ queryKey: inspectionKeys.plans(params), queryFn: ({ signal }) => listPlans(params, signal), placeholderData: keepPreviousData });

export const useTasks = (params: ListTasksInput) =>
  useQuery({ queryKey: inspectionKeys.tasks(params), queryFn: ({ signal }) => listTasks(params, signal), placeholderData: keepPreviousData });

export const useTask = (id: string) => useQuery({ queryKey: inspectionKeys.task(id), queryFn: ({ signal }) => getTask(id, signal) });

export const useTargets = (id: string, params: { page: number; pageSize: number; q?: string }, enabled = true) =>
  useQuery({
    queryKey: inspectionKeys.targets(id, params),
    queryFn: ({ signal }) => listTargets(id, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useMyTargets = (params: { page: number; pageSize: number; open: boolean }) =>
  useQuery({ queryKey: inspectionKeys.myTargets(params), queryFn: ({ signal }) => listMyTargets(params, signal), placeholderData: keepPreviousData });

export const usePublicationQueue = (params: { page: number; pageSize: number }) =>
  useQuery({ queryKey: inspectionKeys.queue(params), queryFn: ({ signal }) => publicationQueue(params, signal), placeholderData: keepPreviousData });

export const useVerification = (id: string, enabled: boolean) =>
  useQuery({ queryKey: inspectionKeys.verification(id), queryFn: ({ signal }) => getVerification(id, signal), enabled });

export const usePublicResults = (params: { page: number; pageSize: number; q?: string }) =>
  useQuery({ queryKey: inspectionKeys.publicResults(params), queryFn: ({ signal }) => listPublicResults(params, signal), placeholderData: keepPreviousData });

export const usePublicResult = (id: string) => useQuery({ queryKey: inspectionKeys.publicResult(id), queryFn: ({ signal }) => getPublicResults(id, signal) });

export const usePublicVerification = (id: string) =>
  useQuery({ queryKey: inspectionKeys.publicVerification(id), queryFn: ({ signal }) => getPublicVerification(id, signal), retry: false });

export const usePublicItems = () => useQuery({ queryKey: inspectionKeys.publicItems, queryFn: ({ signal }) => listPublicItems(signal) });

/** A write in the module: refreshes every inspections query when it succeeds. */
export function useInspectionMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: inspectionKeys.all }),
  });
}
