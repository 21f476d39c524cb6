export * from './meetings.events';
export * from './meetings.commands';
export * from './meetings.decider';
export * from './meetings.errors';
export * from './meetings.streams';
