export * from './blindRsaKeys.ts';
export * from './inbox.ts';
