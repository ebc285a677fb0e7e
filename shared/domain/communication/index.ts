/** Communication: in-app notices and the inboxes they go to. */
export * from './notification.ts';
