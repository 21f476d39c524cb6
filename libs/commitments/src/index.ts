export * from './commitments.events';
export * from './commitments.commands';
export * from './commitments.decider';
export * from './commitments.errors';
export * from './commitments.streams';
