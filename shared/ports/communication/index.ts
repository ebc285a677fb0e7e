export type * from './feedbackKeys.ts';
export type * from './feedbackStore.ts';
export type * from './noticeStore.ts';
export type * from './notifier.ts';
