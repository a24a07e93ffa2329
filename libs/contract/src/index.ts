export * from './events';
export * from './log-words';
export * from './views';
export * from './guideline-readings';
export * from './notification-path';
export * from './crisis-contacts';
export * from './first-reads';
