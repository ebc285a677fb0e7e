/** Communication: notices straight to each person, and the in-app notifications that tell them. */

export * from './conversation.ts';
export * from './events/index.ts';
export * from './faq.ts';
export * from './feedback.ts';
export * from './feedbackSummary.ts';
export * from './notice.ts';
export * from './notification.ts';
export * from './question.ts';
