export type * from './customerStore.ts';
export type * from './dealStore.ts';
export type * from './interactionStore.ts';
export type * from './knowledgeStore.ts';
