export * from './mentorshipStore.ts';
export type * from './snapshotStore.ts';
export type * from './teamGraph.ts';
export type * from './weightsStore.ts';
