export * from './keyPositions.ts';
export * from './resignationAlert.ts';
