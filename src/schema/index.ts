export * from './vocab.js';
export * from './values.js';
export * from './records.js';
export * from './dates.js';
