export type * from './conversationStore.ts';
export type * from './feedbackKeys.ts';
export type * from './feedbackStore.ts';
export type * from './noticeStore.ts';
export type * from './notifier.ts';
export type * from './questionStore.ts';
export type * from './wecom.ts';
