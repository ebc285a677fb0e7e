export * from './recordStores.ts';
export * from './setupStore.ts';
