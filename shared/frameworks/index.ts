/**
 * Frameworks as data (issue 22): the framework as a document (shape, validation, scoring, the appendix
 * layout, Decision 4203 and the sample as data). The web imports the zod-free parts directly (model.ts,
 * convert.ts, runtime.ts), not this index.
 */
export * from './document.js';
export * from './validate.js';
export * from './score.js';
export * from './table.js';
export * from './from-catalog.js';
export * from './sample.js';
