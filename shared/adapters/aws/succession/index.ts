export * from './successionStore.ts';
