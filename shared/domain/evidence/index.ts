/** Evidence: the append-only, hash-chained log every area records into. */

export * from './accessDenial.ts';
export * from './evidence.ts';
