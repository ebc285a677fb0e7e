export * from './keyPositions.ts';
