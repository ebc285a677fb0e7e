export * from './customerStore.ts';
