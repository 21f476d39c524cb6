export * from './people.events';
export * from './people.commands';
export * from './people.decider';
export * from './people.errors';
export * from './people.streams';
