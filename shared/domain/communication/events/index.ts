import { noticePublished } from './noticePublished.ts';

export { noticePublished };
export const communicationEvents = [noticePublished] as const;
