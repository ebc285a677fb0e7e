export type * from './noticeStore.ts';
export type * from './notifier.ts';
