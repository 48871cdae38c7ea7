import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDIT_MODEL, validateCreditModel } from '../../../../../common/credit-risk/model.ts';
import {
  classBands,
  describeModelChanges,
  modelFormIssues,
  publishEffects,
  serverFieldIssues,
  staleServerIssues,
  toModelForm,
  toModelInput,
} from './model-form';

const NOTE = '将严重违法失信名单的分值由 50 调整为 60，依据 2026 年全市执法数据评估。';

describe('credit model form mapping', () => {
  it('round-trips a version: form values → the same spec, description trimmed', () => {
    const values = { ...toModelForm(DEFAULT_CREDIT_MODEL), description: `  ${NOTE}  ` };
    const { description, ...spec } = toModelInput(values);
    expect(description).toBe(NOTE);
    expect(spec).toEqual(DEFAULT_CREDIT_MODEL);
    expect(validateCreditModel(spec)).toEqual([]);
  });

  it('prefills every certification kind, empty where the version does not count it, and no-floor as "none"', () => {
    const values = toModelForm(DEFAULT_CREDIT_MODEL);
    expect(values.factors.certifications.pointsByKind).toMatchObject({ iso9001: -5, ccc: null, other: null });
    expect(values.description).toBe('');
    const edited = toModelForm({
      ...DEFAULT_CREDIT_MODEL,
      factors: { ...DEFAULT_CREDIT_MODEL.factors, abnormal_operation: { points: 25, minClass: null } },
    });
    expect(edited.factors.abnormal_operation.minClass).toBe('none');
    expect(toModelInput(edited).factors.abnormal_operation.minClass).toBeNull();
    edited.factors.certifications.pointsByKind.ccc = -2;
    edited.factors.certifications.pointsByKind.iso9001 = null;
    const kinds = toModelInput(edited).factors.certifications.pointsByKind;
    expect(kinds.ccc).toBe(-2);
    expect('iso9001' in kinds).toBe(false);
  });

  it('raises the server rules inline, on the fields the API names', () => {
    const values = toModelForm(DEFAULT_CREDIT_MODEL);
    values.thresholds.B = 60;
    values.factors.penalties.maxPoints = 5;
    values.factors.complaints.windowMonths = null;
    values.factors.years_in_business.bands[0] = { fromYears: 1, points: 10 };
    values.factors.certifications.pointsByKind.ccc = 3;
    const issues = modelFormIssues(values);
    expect(Object.keys(issues).sort()).toEqual([
      'description',
      'factors.certifications.pointsByKind.ccc',
      'factors.complaints.windowMonths',
      'factors.penalties.maxPoints',
      'factors.years_in_business.bands.0.fromYears',
      'factors.years_in_business.bands.1.fromYears',
      'thresholds',
    ]);
    expect(issues.thresholds?.[0]).toMatch(/^分界应满足 A < B < C/);
    expect(issues.description?.[0]).toMatch(/至少 20 字/);
    expect(modelFormIssues({ ...toModelForm(DEFAULT_CREDIT_MODEL), description: NOTE })).toEqual({});
    // 19 characters after trimming is one short, as on the server.
    expect(modelFormIssues({ ...toModelForm(DEFAULT_CREDIT_MODEL), description: ` ${'字'.repeat(19)} ` }).description).toHaveLength(1);
  });

  it('places server 400 details on the form fields, and drops them once the field is edited', () => {
    const issues = serverFieldIssues({
      message: '请求参数不正确',
      details: [
        { field: 'body.factors.penalties.maxPoints', rule: 'credit_model', message: '不得小于 pointsEach / must be at least pointsEach' },
        { field: 'body.description', rule: 'minLength', message: '至少 20 字' },
        { field: 'body', rule: 'credit_model', message: '应为对象' },
        { field: '/thresholds', rule: 'type', message: 'must be object' },
      ],
    });
    expect(issues).toEqual({
      'factors.penalties.maxPoints': ['不得小于 pointsEach / must be at least pointsEach'],
      description: ['至少 20 字'],
      _form: ['应为对象'],
      thresholds: ['must be object'],
    });
    const sent = toModelForm(DEFAULT_CREDIT_MODEL);
    const now = toModelForm(DEFAULT_CREDIT_MODEL);
    now.factors.penalties.maxPoints = 40;
    expect(Object.keys(staleServerIssues(issues, sent, now)).sort()).toEqual(['_form', 'description', 'thresholds']);
    expect(staleServerIssues(issues, null, now)).toEqual({});
  });

  it('describes the bands and what a version changes', () => {
    expect(classBands(DEFAULT_CREDIT_MODEL.thresholds)).toEqual({ A: '≤ 4', B: '5 – 24', C: '25 – 49', D: '≥ 50' });
    expect(describeModelChanges(DEFAULT_CREDIT_MODEL, DEFAULT_CREDIT_MODEL)).toEqual([]);
    const values = toModelForm(DEFAULT_CREDIT_MODEL);
    values.factors.serious_violation.points = 60;
    values.thresholds.A = 5;
    const { description: _d, ...after } = toModelInput({ ...values, description: NOTE });
    expect(describeModelChanges(DEFAULT_CREDIT_MODEL, after)).toEqual([
      '分类分界：A 类 ≤ 4 → ≤ 5；B 类 5 – 24 → 6 – 24',
      '列入严重违法失信名单：+50，且至少为 D 类 → +60，且至少为 D 类',
    ]);
  });

  it('says what publishing does: this month on, no recompute of its own, earlier months unchanged', () => {
    const lines = publishEffects('2026-11', 3);
    expect(lines[0]).toMatch(/^第 4 版自 2026-11 期起生效/);
    expect(lines[1]).toMatch(/发布不会自动重新计算：2026-11 期已有的分类结果仍是按第 3 版计算的/);
    expect(lines.join('')).toMatch(/以前各期的结果不变/);
  });
});
