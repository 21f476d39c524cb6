export * from './groups.events';
export * from './groups.commands';
export * from './groups.decider';
export * from './groups.errors';
export * from './groups.streams';
export * from './iso-duration';
