import { randomInt } from 'node:crypto';
import type { CategoryInput, SampleDetail, SampleInput, SamplingCategory, TestItemInput } from '../../../../common/sampling/api.ts';
import { addDays, todayInShanghai } from '../../../../common/sampling/dates.ts';
import type { Client } from '../../../test-support/app.ts';

/** Test data for supervision sampling, made through the API. */

export const today = () => todayInShanghai();
export const daysAgo = (n: number) => addDays(todayInShanghai(), -n);

/** A new category (city admin), code unique per call. */
export async function buildCategory(admin: Client, overrides: Partial<CategoryInput> = {}): Promise<SamplingCategory> {
  const res = await admin.post('/api/v1/sampling/categories', {
    code: `T${randomInt(1e9)}`,
    name: `测试类别${randomInt(1e6)}`,
    riskLevel: 'medium',
    ...overrides,
  });
  if (res.statusCode !== 201) throw new Error(`create category: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Two numeric items and a text item; `failing` makes the first numeric one exceed its limit. */
export function items(failing = false): TestItemInput[] {
  return [
    { name: '甲醛含量', method: 'GB/T 2912.1-2009', standard: 'GB 18401-2010 B类', unit: 'mg/kg', limitMax: 75, resultValue: failing ? 96 : 21 },
    { name: 'pH 值', method: 'GB/T 7573-2009', standard: 'GB 18401-2010', limitMin: 4, limitMax: 8.5, resultValue: 6.4 },
    { name: '纤维含量', standard: 'GB/T 29862-2013', limitText: '与标注相符', resultText: '相符', verdict: 'pass' },
  ];
}

export function sampleInput(creditCode: string, categoryId: string, overrides: Partial<SampleInput> = {}): SampleInput {
  return {
    creditCode,
    categoryId,
    productName: '儿童连衣裙',
    spec: '120/56',
    brand: '测试',
    batch: `B${randomInt(1e6)}`,
    sampledOn: daysAgo(40),
    samplingPlace: '成品仓库',
    lab: '湖州市质量技术监督检测研究院',
    items: items(),
    ...overrides,
  };
}

export async function buildSample(client: Client, input: SampleInput): Promise<SampleDetail> {
  const res = await client.post('/api/v1/sampling/samples', input);
  if (res.statusCode !== 201) throw new Error(`create sample: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Enters and issues a sample; `notifiedOn` starts the 复检 window of a 不合格. */
export async function buildIssuedSample(
  client: Client,
  input: SampleInput,
  issue: { reportDate?: string; notifiedOn?: string | null } = {},
): Promise<SampleDetail> {
  const s = await buildSample(client, input);
  const res = await client.post(`/api/v1/sampling/samples/${s.id}/issue`, {
    reportNo: `R-${randomInt(1e9)}`,
    reportDate: issue.reportDate ?? addDays(input.sampledOn, 10),
    notifiedOn: issue.notifiedOn ?? null,
  });
  if (res.statusCode !== 200) throw new Error(`issue sample: ${res.statusCode} ${res.body}`);
  return res.json();
}
