import { importRequested } from './importRequested.ts';

export { importRequested };
export const importEvents = [importRequested] as const;
