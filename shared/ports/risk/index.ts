export * from './mentorshipStore.ts';
