/**
 * GS1 identifiers for the trace module (一码统管): check digits, Application Identifiers (from the GS1 Barcode Syntax
 * Dictionary), GS1 Digital Link URIs, EPC URIs (EPC Tag Data Standard) and their conversions, and the one function the
 * trace module indexes identifiers with, `normaliseIdentifier` (identifier.ts). Pure functions, shared with the browser.
 */
export * from './ai-table.ts';
export * from './ai-validate.ts';
export * from './check-digit.ts';
export * from './digital-link.ts';
export * from './digital-link-build.ts';
export * from './element-string.ts';
export * from './epc.ts';
export * from './epc-urn.ts';
export * from './identifier.ts';
export * from './platform-code.ts';
export * from './types.ts';
