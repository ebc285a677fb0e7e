import { backupRequested } from './backupRequested.ts';

export { backupRequested };
export const backupEvents = [backupRequested] as const;
