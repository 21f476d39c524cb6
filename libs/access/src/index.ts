export * from './access.policy';
export * from './sqlite-auth-store';
