export * from './resolve-people';
export * from './import-plan';
export * from './import-steps';
