export * from './catalog/catalog.projection';
export * from './catalog/catalog.queries';
export * from './read-model-host';
