export * from './working-groups.events';
export * from './working-groups.commands';
export * from './working-groups.decider';
export * from './working-groups.errors';
export * from './working-groups.streams';
