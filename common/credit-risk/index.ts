/** 企业信用风险分类 (credit-risk classes A–D): the factor model, the pure scorer, periods, labels and API shapes. */
export * from './api.ts';
export * from './labels.ts';
export * from './model.ts';
export * from './period.ts';
export * from './score.ts';
