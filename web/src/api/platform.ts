/** Platform module: typed API functions and the TanStack Query hooks over them. */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  ApiKey,
  AuditEntry,
  AuditListParams,
  AuditVerifyResult,
  CreateUserInput,
  DashboardSummary,
  Health,
  Me,
  MeResponse,
  Page,
  RegionNode,
  UpdateUserInput,
  User,
  UserListParams,
} from './platform-types';

export type * from './platform-types';

const V1 = '/api/v1';

// --- plain functions, one per endpoint ---

export const getHealth = (signal?: AbortSignal) => api.get<Health>(`${V1}/health`, undefined, signal);

export const getRegions = (signal?: AbortSignal) => api.get<{ items: RegionNode[] }>(`${V1}/regions`, undefined, signal).then((body) => body.items);

export const login = (input: { username: string; password: string }) => api.post<{ user: Me }>(`${V1}/auth/login`, input);

export const logout = () => api.post<null>(`${V1}/auth/logout`);

export const getMe = (signal?: AbortSignal) => api.get<MeResponse>(`${V1}/auth/me`, undefined, signal);

export const changePassword = (input: { currentPassword: string; newPassword: string }) => api.post<null>(`${V1}/auth/password`, input);

export const listUsers = (params: UserListParams, signal?: AbortSignal) => api.get<Page<User>>(`${V1}/users`, { ...params }, signal);

export const getUser = (id: string, signal?: AbortSignal) => api.get<User>(`${V1}/users/${encodeURIComponent(id)}`, undefined, signal);

export const createUser = (input: CreateUserInput) => api.post<User>(`${V1}/users`, input);

export const updateUser = (id: string, input: UpdateUserInput) => api.patch<User>(`${V1}/users/${encodeURIComponent(id)}`, input);

export const listAudit = (params: AuditListParams, signal?: AbortSignal) => api.get<Page<AuditEntry>>(`${V1}/audit`, { ...params }, signal);

export const verifyAudit = (signal?: AbortSignal) => api.get<AuditVerifyResult>(`${V1}/audit/verify`, undefined, signal);

export const getDashboardSummary = (regionCode: string | undefined, signal?: AbortSignal) =>
  api.get<DashboardSummary>(`${V1}/dashboard/summary`, { regionCode }, signal);

export const listApiKeys = (signal?: AbortSignal) => api.get<{ items: ApiKey[] }>(`${V1}/api-keys`, undefined, signal).then((body) => body.items);

export const createApiKey = (input: { name: string }) => api.post<ApiKey & { key: string }>(`${V1}/api-keys`, input);

export const revokeApiKey = (id: string) => api.post<null>(`${V1}/api-keys/${encodeURIComponent(id)}/revoke`);

// --- query keys and options ---

export const platformKeys = {
  all: ['platform'] as const,
  health: () => [...platformKeys.all, 'health'] as const,
  regions: () => [...platformKeys.all, 'regions'] as const,
  me: () => [...platformKeys.all, 'me'] as const,
  users: () => [...platformKeys.all, 'users'] as const,
  userList: (params: UserListParams) => [...platformKeys.users(), 'list', params] as const,
  user: (id: string) => [...platformKeys.users(), 'detail', id] as const,
  audit: () => [...platformKeys.all, 'audit'] as const,
  auditList: (params: AuditListParams) => [...platformKeys.audit(), 'list', params] as const,
  auditVerify: () => [...platformKeys.audit(), 'verify'] as const,
  dashboard: (regionCode: string | undefined) => [...platformKeys.all, 'dashboard', regionCode ?? null] as const,
  apiKeys: () => [...platformKeys.all, 'api-keys'] as const,
};

export const dashboardSummaryQuery = (regionCode: string | undefined) =>
  queryOptions({
    queryKey: platformKeys.dashboard(regionCode),
    queryFn: ({ signal }) => getDashboardSummary(regionCode, signal),
  });

// --- hooks ---

export const useHealth = () => useQuery({ queryKey: platformKeys.health(), queryFn: ({ signal }) => getHealth(signal) });

export const useRegions = () =>
  useQuery({ queryKey: platformKeys.regions(), queryFn: ({ signal }) => getRegions(signal), staleTime: Number.POSITIVE_INFINITY });

export const useMe = () => useQuery({ queryKey: platformKeys.me(), queryFn: ({ signal }) => getMe(signal), retry: false });

export const useUsers = (params: UserListParams) =>
  useQuery({
    queryKey: platformKeys.userList(params),
    queryFn: ({ signal }) => listUsers(params, signal),
    placeholderData: keepPreviousData,
  });

export const useUser = (id: string) => useQuery({ queryKey: platformKeys.user(id), queryFn: ({ signal }) => getUser(id, signal) });

export const useAudit = (params: AuditListParams) =>
  useQuery({
    queryKey: platformKeys.auditList(params),
    queryFn: ({ signal }) => listAudit(params, signal),
    placeholderData: keepPreviousData,
  });

/** The chain check walks every entry, so it runs only when asked (the 校验审计链 button). */
export const useVerifyAudit = () => useMutation({ mutationFn: () => verifyAudit() });

export const useDashboardSummary = (regionCode: string | undefined, enabled = true) => useQuery({ ...dashboardSummaryQuery(regionCode), enabled });

/** Login and password change answer 401 for wrong credentials: they handle it themselves (meta.handles401). */
export const useLogin = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    meta: { handles401: true },
    onSuccess: () => client.removeQueries({ queryKey: platformKeys.all }),
  });
};

export const useLogout = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: logout, onSuccess: () => client.clear() });
};

export const useChangePassword = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    meta: { handles401: true },
    onSuccess: () => client.invalidateQueries({ queryKey: platformKeys.me() }),
  });
};

export const useCreateUser = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => client.invalidateQueries({ queryKey: platformKeys.users() }),
  });
};

export const useUpdateUser = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateUserInput }) => updateUser(id, input),
    onSuccess: () => client.invalidateQueries({ queryKey: platformKeys.users() }),
  });
};

export const useApiKeys = () => useQuery({ queryKey: platformKeys.apiKeys(), queryFn: ({ signal }) => listApiKeys(signal) });

export const useCreateApiKey = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: createApiKey, onSuccess: () => client.invalidateQueries({ queryKey: platformKeys.apiKeys() }) });
};

export const useRevokeApiKey = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: revokeApiKey, onSuccess: () => client.invalidateQueries({ queryKey: platformKeys.apiKeys() }) });
};
