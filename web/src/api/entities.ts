/**
 * Entities module (市场主体, server/modules/entities): typed API functions, query keys and the TanStack
 * Query hooks over them. The import upload goes through XMLHttpRequest, the one browser API that reports
 * upload progress; everything else through the shared JSON client.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Certification,
  CertificationInput,
  EntityDetail,
  EntityEvent,
  EntityImportInput,
  EntityImportReport,
  EntityInput,
  EntitySummary,
  EntityUpdate,
  Licence,
  LicenceInput,
  ListEntitiesInput,
} from '../../../common/entity-api.ts';
import { ApiError, api, apiRequest, buildUrl, parseApiError } from './client';
import type { Page } from './platform-types';

export type * from '../../../common/entity-api.ts';
export {
  CERTIFICATION_KINDS,
  CERTIFICATION_STATUSES,
  ENTITY_EVENT_KINDS,
  ENTITY_STATUSES,
  ENTITY_TYPES,
  LICENCE_KINDS,
  LICENCE_STATUSES,
  SPECIAL_LISTS,
} from '../../../common/entity-api.ts';

const V1 = '/api/v1';
const enc = encodeURIComponent;

/** GET /credit-codes/{code}: the public GB 32100 check the entity form calls as you type. */
export interface CreditCodeVerdict {
  valid: boolean;
  reason: string | null;
  expectedCheckChar: string | null;
}

// --- plain functions, one per endpoint ---

export const checkCreditCodeRemote = (code: string, signal?: AbortSignal) => api.get<CreditCodeVerdict>(`${V1}/credit-codes/${enc(code)}`, undefined, signal);

export const listEntities = (params: ListEntitiesInput, signal?: AbortSignal) => api.get<Page<EntitySummary>>(`${V1}/entities`, { ...params }, signal);

export const getEntity = (id: string, signal?: AbortSignal) => api.get<EntityDetail>(`${V1}/entities/${enc(id)}`, undefined, signal);

export const listEntityEvents = (id: string, page: number, pageSize: number, signal?: AbortSignal) =>
  api.get<Page<EntityEvent>>(`${V1}/entities/${enc(id)}/events`, { page, pageSize }, signal);

export const createEntity = (input: EntityInput) => api.post<EntityDetail>(`${V1}/entities`, input);

export const updateEntity = (id: string, input: EntityUpdate) => api.patch<EntityDetail>(`${V1}/entities/${enc(id)}`, input);

export const addLicence = (entityId: string, input: LicenceInput) => api.post<Licence>(`${V1}/entities/${enc(entityId)}/licences`, input);
export const updateLicence = (id: string, input: Partial<LicenceInput>) => api.patch<Licence>(`${V1}/entity-licences/${enc(id)}`, input);
export const deleteLicence = (id: string) => apiRequest<null>(`${V1}/entity-licences/${enc(id)}`, { method: 'DELETE' });

export const addCertification = (entityId: string, input: CertificationInput) =>
  api.post<Certification>(`${V1}/entities/${enc(entityId)}/certifications`, input);
export const updateCertification = (id: string, input: Partial<CertificationInput>) =>
  api.patch<Certification>(`${V1}/entity-certifications/${enc(id)}`, input);
export const deleteCertification = (id: string) => apiRequest<null>(`${V1}/entity-certifications/${enc(id)}`, { method: 'DELETE' });

/** Where the import template downloads from (a plain link: the browser saves the attachment). */
export const importTemplateUrl = (format: 'xlsx' | 'csv') => buildUrl(`${V1}/entities/import-template`, { format });

/** Upload progress: bytes sent of the request body, then `processing` while the server reads and checks the rows. */
export interface UploadProgress {
  phase: 'uploading' | 'processing';
  percent: number;
}

/**
 * POST /entities/import with upload progress. Resolves with the report; rejects with ApiError like the JSON client.
 */
export function importEntities(input: EntityImportInput, onProgress?: (p: UploadProgress) => void): Promise<EntityImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${V1}/entities/import`);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Zhiliang-Client', 'web');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ phase: 'uploading', percent: Math.round((event.loaded / event.total) * 100) });
    };
    xhr.upload.onload = () => onProgress?.({ phase: 'processing', percent: 100 });
    xhr.onerror = () => reject(new ApiError({ code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络', details: [], status: 0, requestId: null }));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      // The contract fixes the response shape of a 2xx import.
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as EntityImportReport);
      else reject(parseApiError(xhr.status, body, xhr.getResponseHeader('x-request-id')));
    };
    onProgress?.({ phase: 'uploading', percent: 0 });
    xhr.send(JSON.stringify(input));
  });
}

// --- query keys and hooks ---

export const entityKeys = {
  all: ['entities'] as const,
  list: (params: ListEntitiesInput) => ['entities', 'list', params] as const,
  detail: (id: string) => ['entities', 'detail', id] as const,
  events: (id: string, page: number) => ['entities', 'events', id, page] as const,
  creditCode: (code: string) => ['credit-code', code] as const,
};

export const useEntities = (params: ListEntitiesInput) =>
  useQuery({ queryKey: entityKeys.list(params), queryFn: ({ signal }) => listEntities(params, signal), placeholderData: keepPreviousData });

export const useEntity = (id: string) => useQuery({ queryKey: entityKeys.detail(id), queryFn: ({ signal }) => getEntity(id, signal) });

export const useEntityEvents = (id: string, page: number, pageSize: number, enabled: boolean) =>
  useQuery({
    queryKey: entityKeys.events(id, page),
    queryFn: ({ signal }) => listEntityEvents(id, page, pageSize, signal),
    enabled,
    placeholderData: keepPreviousData,
  });

/** The public check for a code the user is typing; only asked once the code is long enough to judge. */
export const useCreditCodeCheck = (code: string) =>
  useQuery({
    queryKey: entityKeys.creditCode(code),
    queryFn: ({ signal }) => checkCreditCodeRemote(code, signal),
    enabled: code.length >= 17,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

/** A write to the registry: refreshes every entity query when it succeeds. */
export function useEntityMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: entityKeys.all }) });
}
