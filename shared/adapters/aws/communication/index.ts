export * from './blindRsaKeys.ts';
export { feedbackItem } from './feedbackStore.ts';
export * from './inbox.ts';
export { makeWeComAccessToken, makeWeComChannel, tokenRefused, WeComError } from './wecomChannel.ts';
