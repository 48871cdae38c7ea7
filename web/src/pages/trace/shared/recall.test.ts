import { describe, expect, it } from 'vitest';
import { summariseRecall } from './recall';
import { DRINK, PALLET, STORE, TEA_A } from './test-chain';

const holder = (location: string, codes: string[], enterprise: string | null) => ({
  location,
  name: enterprise ? '德清示范超市 门店（演示）' : null,
  enterpriseCreditCode: enterprise,
  enterpriseName: enterprise ? '德清示范超市有限公司（演示）' : null,
  regionCode: enterprise ? '330521' : null,
  regionName: enterprise ? '德清县' : null,
  codes,
});

describe('summariseRecall', () => {
  it('counts lots (the problem lot included), enterprises, locations and counties', () => {
    const summary = summariseRecall({
      root: TEA_A,
      lots: [DRINK],
      holders: [holder(STORE, [DRINK], '91330521MA2D1E2F3D')],
      enterprises: ['91330521MA2D1E2F3D'],
      byRegion: [{ regionCode: '330521', regionName: '德清县', locations: 1, codes: 1 }],
    });
    expect(summary).toMatchObject({ batches: 2, enterprises: 1, locations: 1, regions: 1, unregisteredLocations: 0 });
    expect(summary.text).toBe('涉及 2 个批次、1 家企业、1 个地点');
  });

  it('names pallets, items and unregistered locations apart from lots', () => {
    const summary = summariseRecall({
      root: TEA_A,
      lots: [DRINK, PALLET, 'https://id.gs1.org/01/06970000000116/21/S1'],
      holders: [holder(STORE, [DRINK], '91330521MA2D1E2F3D'), holder('https://id.gs1.org/414/6970000009997', [PALLET], null)],
      enterprises: ['91330521MA2D1E2F3D'],
      byRegion: [],
    });
    expect(summary.text).toBe('涉及 2 个批次、1 家企业、2 个地点；另有 1 个单品、1 个托盘（其中 1 个地点未登记企业）');
  });

  it('reads zero for a lot nothing was made from', () => {
    expect(summariseRecall({ root: TEA_A, lots: [], holders: [], enterprises: [], byRegion: [] }).text).toBe('涉及 1 个批次、0 家企业、0 个地点');
  });
});
