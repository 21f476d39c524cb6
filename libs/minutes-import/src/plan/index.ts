export * from './resolve-people';
export * from './import-plan';
