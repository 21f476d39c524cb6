import { Module } from '@nestjs/common';
import { QUERY_HANDLERS } from './queries';
import { QueriesController } from './queries.controller';

/** Reads through the QueryBus, answered from the read models. */
@Module({ controllers: [QueriesController], providers: [...QUERY_HANDLERS] })
export class QueriesModule {}
