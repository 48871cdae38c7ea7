/**
 * EPCIS webhook subscriptions (数据订阅): the list for people (GET /api/v1/trace/subscriptions), and subscribing /
 * unsubscribing through the EPCIS 2.0 REST binding itself (/epcis/queries/{queryName}/subscriptions), which checks,
 * audits and answers as the binding says (docs/api-trace.md § Webhook subscriptions).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from './client';
import type { Page } from './platform-types';

/** EPCIS QuerySchedule fields (Asia/Shanghai wall clock): each a number, a [low-high] range or a comma list. */
export interface QuerySchedule {
  second?: string;
  minute?: string;
  hour?: string;
  dayOfMonth?: string;
  month?: string;
  dayOfWeek?: string;
}

export interface Subscription {
  subscriptionID: string;
  queryName: string;
  dest: string;
  createdAt: string;
  stream?: boolean;
  schedule?: QuerySchedule;
  reportIfEmpty?: boolean;
  initialRecordTime?: string;
  lastNotifiedAt?: string;
  signed: boolean;
  failedAttempts: number;
  lastError: string | null;
  lastErrorAt: string | null;
  nextAttemptAt: string | null;
  nextRunAt?: string | null;
  owner: { username: string; displayName: string; enterpriseName: string | null };
}

export interface SubscribeInput {
  queryName: string;
  dest: string;
  signatureToken?: string;
  stream?: true;
  schedule?: QuerySchedule;
  reportIfEmpty?: boolean;
}

/** A named query (EPCIS GET /epcis/queries): its name and stored SimpleEventQuery parameters. */
export interface NamedQuery {
  name: string;
  query: Record<string, unknown>;
}

const queriesPath = (name: string) => `/epcis/queries/${encodeURIComponent(name)}/subscriptions`;

export const listSubscriptions = (params: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Page<Subscription>>('/api/v1/trace/subscriptions', { ...params }, signal);
export const listNamedQueries = (signal?: AbortSignal) => api.get<NamedQuery[]>('/epcis/queries', { perPage: 1000 }, signal);
export const createNamedQuery = (q: NamedQuery) => apiRequest<null>('/epcis/queries', { method: 'POST', body: q });
export const subscribe = ({ queryName, ...body }: SubscribeInput) => api.post<Subscription>(queriesPath(queryName), body);
export const unsubscribe = (s: Pick<Subscription, 'queryName' | 'subscriptionID'>) =>
  apiRequest<null>(`${queriesPath(s.queryName)}/${encodeURIComponent(s.subscriptionID)}`, { method: 'DELETE' });

export const subscriptionKeys = {
  all: ['trace', 'subscriptions'] as const,
  list: (params: { page: number; pageSize: number }) => [...subscriptionKeys.all, 'list', params] as const,
  queries: ['trace', 'named-queries'] as const,
};

export const useSubscriptions = (params: { page: number; pageSize: number }) =>
  useQuery({ queryKey: subscriptionKeys.list(params), queryFn: ({ signal }) => listSubscriptions(params, signal), placeholderData: keepPreviousData });

export const useNamedQueries = (enabled: boolean) =>
  useQuery({ queryKey: subscriptionKeys.queries, queryFn: ({ signal }) => listNamedQueries(signal), enabled });

export const useSubscribe = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: subscribe, onSuccess: () => client.invalidateQueries({ queryKey: subscriptionKeys.all }) });
};

export const useUnsubscribe = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: unsubscribe, onSuccess: () => client.invalidateQueries({ queryKey: subscriptionKeys.all }) });
};

export const useCreateNamedQuery = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: createNamedQuery, onSuccess: () => client.invalidateQueries({ queryKey: subscriptionKeys.queries }) });
};
