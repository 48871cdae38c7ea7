import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEvaluationPdf } from './evaluation-pdf.ts';
import { buildRow, buildRows, buildSnapshot, buildSnapshot44 } from './test-fixtures.ts';

const META = {
  title: '湖州市质量发展“十四五”规划中期评估报告',
  narrative: '“十四五”以来，全市深入实施质量强市战略，质量发展总体态势良好。\n部分指标进展偏慢，需要牵头单位加快推进。',
  demo: true,
};

function pageCount(pdf: Buffer): number {
  const m = /\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'));
  return m ? Number(m[1]) : 0;
}

describe('buildEvaluationPdf', () => {
  it('renders all 44 indicators of 表1 on several A4 pages with the CJK font embedded as a subset', async () => {
    const pdf = await buildEvaluationPdf(buildSnapshot44(), META);
    // For the lead to look at; the route serves the same bytes.
    writeFileSync('/tmp/zhiliang-eval.pdf', pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pdf.length).toBeLessThan(1_500_000);
    expect(pageCount(pdf)).toBeGreaterThan(1);
    const text = pdf.toString('latin1');
    expect(text).toContain('/FontFile2');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
  });

  it('renders a small snapshot, a draft preview without demo banner, and an empty one', async () => {
    const small = await buildEvaluationPdf(buildSnapshot(), { ...META, demo: false });
    expect(small.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const draft = await buildEvaluationPdf(buildSnapshot(buildRows(), { frozenAt: '' }), { title: '草稿', narrative: '', demo: false });
    expect(pageCount(draft)).toBeGreaterThanOrEqual(1);
    const empty = await buildEvaluationPdf(buildSnapshot([]), { title: '空', narrative: '', demo: false });
    expect(pageCount(empty)).toBeGreaterThanOrEqual(1);
  });

  it('wraps very long names and narratives onto more pages instead of overflowing', async () => {
    const long = '超长指标名称用于检验换行'.repeat(12);
    const rows = Array.from({ length: 30 }, (_, i) =>
      buildRow({ code: `L${i}`, indicatorId: `l-${i}`, name: long, leadUnit: '市市场监督管理局、市经济和信息化局、市住房和城乡建设局' }),
    );
    const pdf = await buildEvaluationPdf(buildSnapshot(rows), { ...META, narrative: '很长的评估说明。'.repeat(400) });
    expect(pageCount(pdf)).toBeGreaterThan(4);
  });
});
