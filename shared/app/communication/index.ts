/** Telling people (messenger), their inboxes, and notices straight to each person. */
export * from './audience.ts';
export * from './conversations.ts';
export * from './feedback.ts';
export * from './messenger.ts';
export * from './noticeDelivery.ts';
export * from './notices.ts';
export * from './notifications.ts';
export * from './questions.ts';
export * from './wecomCallback.ts';
