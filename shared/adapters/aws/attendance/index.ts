export * from './recordStores.ts';
export * from './setupStore.ts';
export * from './wecomCheckins.ts';
