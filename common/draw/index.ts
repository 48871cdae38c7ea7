/**
 * The publicly verifiable 双随机 draw (random inspection targets and inspectors): pure functions, no database,
 * the same in Node and the browser. The algorithm is specified byte for byte in README.md beside this file so
 * that anyone can re-implement it and check a published draw. Start with `commitToDraw` (before the draw),
 * `drawInspection` (at the draw), `verifyDraw` (anyone, afterwards) and `redrawTarget` (after a recusal).
 */
export * from './canonical.ts';
export {
  applyRedraw,
  commitToDraw,
  computeDraw,
  drawInspection,
  excludedByRegion,
  type PreparedDraw,
  partialFisherYates,
  prepareCanonicalDraw,
  prepareDraw,
  publishDraw,
  sampleSize,
} from './draw.ts';
export * from './errors.ts';
export { fromHex, HmacSha256, hmacSha256, Sha256, sha256, toHex } from './sha256.ts';
export * from './stream.ts';
export * from './types.ts';
export { formatVerdict, redrawTarget, verifyDraw } from './verify.ts';
