export * from './event-store.module';
export * from './command-runner';
export * from './errors';
export * from './read-model-barrier';
