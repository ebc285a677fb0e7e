/** Telling people (messenger) and their inboxes. */
export * from './messenger.ts';
export * from './notifications.ts';
