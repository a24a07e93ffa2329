export * from './events';
export * from './log-words';
