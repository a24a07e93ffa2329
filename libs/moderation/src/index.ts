export * from './roles';
export * from './permissions';
export * from './settings';
export * from './posting';
export * from './log';
export * from './attendance';
export * from './elections';
export * from './review';
