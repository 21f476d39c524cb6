export * from './random';
export * from './story';
export * from './sinks';
export * from './command';
