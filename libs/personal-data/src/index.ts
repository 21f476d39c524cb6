export * from './person-key-store';
export * from './personal-fields';
export * from './shredding-event-store';
