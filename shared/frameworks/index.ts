/**
 * FOUNDATION for issue 22, NOT wired in yet: the framework as a document (shape, validation, scoring,
 * the appendix layout, Decision 4203 and the sample as data). Nothing outside shared/frameworks/ and its
 * tests imports it so far, and shared/index.ts does not re-export it: the wiring decides that.
 */
export * from './document.js';
export * from './validate.js';
export * from './score.js';
export * from './table.js';
export * from './from-catalog.js';
export * from './sample.js';
