/** Communication: notices straight to each person, and the in-app notifications that tell them. */
export * from './events/index.ts';
export * from './feedback.ts';
export * from './feedbackSummary.ts';
export * from './notice.ts';
export * from './notification.ts';
