export * from './cycleStore.ts';
export * from './kpiStore.ts';
export * from './resultStore.ts';
