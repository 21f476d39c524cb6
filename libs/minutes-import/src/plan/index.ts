export * from './resolve-people';
export * from './import-plan';
export * from './import-steps';
export type { StoredAgendaItem } from './agenda-match';
