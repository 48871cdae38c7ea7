/**
 * Progress engine of the plan module (规划指标进展评估): pure functions shared by the server and the web app.
 * Start with `measureProgress` (measure.ts); the methods and their sources are described in each module.
 */
export * from './core.ts';
export * from './escap.ts';
export * from './forecast.ts';
export * from './linear.ts';
export * from './measure.ts';
export * from './methods.ts';
export * from './statcan.ts';
