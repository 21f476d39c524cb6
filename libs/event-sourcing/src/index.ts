export * from './event-store.module';
export * from './errors';
export * from './read-model-barrier';
