/**
 * 企业信用风险分类 (server/modules/entities/credit): typed API functions, query keys and hooks. Regulators
 * only — the classes are an internal reference and never appear on an enterprise or public page.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreditAdjustmentInput,
  CreditClassList,
  CreditClassRecord,
  CreditModel,
  CreditModelInput,
  EntityCreditHistory,
  ListCreditClassesInput,
  RecomputeResult,
} from '../../../common/credit-risk/api.ts';
import { api } from './client';

export type * from '../../../common/credit-risk/api.ts';
export type { CreditClass, CreditFactor, CreditModelSpec } from '../../../common/credit-risk/model.ts';
export { CREDIT_CLASSES, CREDIT_FACTORS } from '../../../common/credit-risk/model.ts';

const V1 = '/api/v1';
const enc = encodeURIComponent;

export const listCreditClasses = (params: ListCreditClassesInput, signal?: AbortSignal) =>
  api.get<CreditClassList>(`${V1}/credit-classes`, { ...params }, signal);

export const getEntityCredit = (entityId: string, signal?: AbortSignal) =>
  api.get<EntityCreditHistory>(`${V1}/entities/${enc(entityId)}/credit-classes`, undefined, signal);

export const adjustCreditClass = (entityId: string, input: CreditAdjustmentInput) =>
  api.post<CreditClassRecord>(`${V1}/entities/${enc(entityId)}/credit-adjustments`, input);

export const recomputeCreditClasses = (period?: string) => api.post<RecomputeResult>(`${V1}/credit-classes/recompute`, period ? { period } : {});

export const getActiveCreditModel = (signal?: AbortSignal) => api.get<CreditModel>(`${V1}/credit-models/active`, undefined, signal);

export const listCreditModels = (signal?: AbortSignal) => api.get<CreditModel[]>(`${V1}/credit-models`, undefined, signal);

export const createCreditModel = (input: CreditModelInput) => api.post<CreditModel>(`${V1}/credit-models`, input);

export const creditKeys = {
  all: ['credit'] as const,
  list: (params: ListCreditClassesInput) => ['credit', 'list', params] as const,
  entity: (id: string) => ['credit', 'entity', id] as const,
  model: ['credit', 'model'] as const,
  models: ['credit', 'models'] as const,
};

export const useCreditClasses = (params: ListCreditClassesInput) =>
  useQuery({ queryKey: creditKeys.list(params), queryFn: ({ signal }) => listCreditClasses(params, signal), placeholderData: keepPreviousData });

export const useEntityCredit = (entityId: string, enabled = true) =>
  useQuery({ queryKey: creditKeys.entity(entityId), queryFn: ({ signal }) => getEntityCredit(entityId, signal), enabled });

export const useActiveCreditModel = (enabled: boolean) =>
  useQuery({ queryKey: creditKeys.model, queryFn: ({ signal }) => getActiveCreditModel(signal), enabled, staleTime: 5 * 60_000 });

/** Every version, newest first (the drawer's 版本历史). */
export const useCreditModels = (enabled: boolean) =>
  useQuery({ queryKey: creditKeys.models, queryFn: ({ signal }) => listCreditModels(signal), enabled, staleTime: 5 * 60_000 });

/** A write (adjustment, recompute): refreshes every credit query when it succeeds. */
export function useCreditMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: creditKeys.all }) });
}
