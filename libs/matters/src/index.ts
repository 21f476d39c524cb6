export * from './matters.events';
export * from './matters.commands';
export * from './matters.decider';
export * from './matters.errors';
export * from './matters.streams';
