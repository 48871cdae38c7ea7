import type { PublishedDraw } from '../../../common/draw/index.ts';
import type { Inspector, TaskDetail, TaskInput, TaskTarget } from '../../../common/inspection-api.ts';
import type { Client } from '../../test-support/app.ts';

/** Test helpers of the inspections module: API calls that must succeed, and the draw ceremony in one go. */

export async function ok<T>(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json() as T; // the endpoint's response schema fixes the shape
}

export async function itemIds(client: Client): Promise<string[]> {
  const items = await ok<{ id: string }[]>(client.get('/api/v1/inspection-items'));
  return items.map((i) => i.id);
}

export async function inspectorsOf(client: Client, regionCode: string): Promise<Inspector[]> {
  return (await ok<{ items: Inspector[] }>(client.get(`/api/v1/inspection-inspectors?regionCode=${regionCode}&pageSize=200`))).items;
}

export async function createTask(client: Client, input: Partial<TaskInput> & { name: string }): Promise<TaskDetail> {
  const items = await itemIds(client);
  return ok<TaskDetail>(client.post('/api/v1/inspection-tasks', { kind: 'random', regionCode: '330502', itemIds: items.slice(0, 2), ...input }), 201);
}

/** freeze → commit → draw, each step checked. */
export async function ceremony(client: Client, taskId: string, publicEntropy = '见证人报数 4711'): Promise<TaskDetail> {
  await ok(client.post(`/api/v1/inspection-tasks/${taskId}/freeze`));
  await ok(client.post(`/api/v1/inspection-tasks/${taskId}/commit`));
  return ok<TaskDetail>(client.post(`/api/v1/inspection-tasks/${taskId}/draw`, { publicEntropy, witness: '测试见证人' }));
}

export async function targetsOf(client: Client, taskId: string): Promise<TaskTarget[]> {
  return (await ok<{ items: TaskTarget[] }>(client.get(`/api/v1/inspection-tasks/${taskId}/targets?pageSize=200`))).items;
}

export async function recordOf(client: Client, taskId: string): Promise<PublishedDraw & { taskId: string }> {
  return ok(client.get(`/api/v1/inspection-tasks/${taskId}/draw-record`));
}
