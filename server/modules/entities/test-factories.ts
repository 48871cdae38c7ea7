import { randomInt } from 'node:crypto';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../../common/credit-code.ts';
import type { EntityDetail, EntityInput } from '../../../common/entity-api.ts';
import type { Client } from '../../test-support/app.ts';

/** Test data for the entities module: valid made-up credit codes and entities created through the API. */

/** A valid, random credit code registered in `county` ("91" enterprise by default). */
export function makeCreditCode(county = '330502', prefix = '91'): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += CREDIT_CODE_CHARSET.charAt(randomInt(CREDIT_CODE_CHARSET.length));
  const first17 = `${prefix}${county}M${body}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** The same code with a wrong check character (and the right one, for the assertion). */
export function withWrongCheckChar(code: string): { wrong: string; expected: string } {
  const expected = code.charAt(17);
  const wrongChar = expected === '0' ? '1' : '0';
  return { wrong: `${code.slice(0, 17)}${wrongChar}`, expected };
}

export function entityInput(overrides: Partial<EntityInput> = {}): EntityInput {
  return {
    creditCode: makeCreditCode(),
    name: `测试主体${randomInt(1_000_000)}有限公司`,
    type: 'enterprise',
    industryCode: '1713',
    regionCode: '330502100',
    address: '湖州市吴兴区织里镇测试路 1 号',
    legalRepresentative: '测试人',
    establishedOn: '2018-06-01',
    status: 'subsisting',
    ...overrides,
  };
}

/** Creates an entity through the API (the caller must be allowed to) and returns it. */
export async function buildEntity(client: Client, overrides: Partial<EntityInput> = {}): Promise<EntityDetail> {
  const res = await client.post('/api/v1/entities', entityInput(overrides));
  if (res.statusCode !== 201) throw new Error(`create entity: ${res.statusCode} ${res.body}`);
  return res.json();
}
