export * from './blindRsaKeys.ts';
export { feedbackItem } from './feedbackStore.ts';
export * from './inbox.ts';
export { makeWeComChannel } from './wecomChannel.ts';
