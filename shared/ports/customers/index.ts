export type * from './customerStore.ts';
export type * from './interactionStore.ts';
