export * from './customerStore.ts';
export * from './knowledgeStore.ts';
