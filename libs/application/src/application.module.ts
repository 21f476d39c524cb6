import { DynamicModule, Global, Injectable, Logger, Module, BeforeApplicationShutdown } from '@nestjs/common';
import type { Config } from '@tilneste/config';
import { EventStoreModule, READ_MODEL_BARRIER } from '@tilneste/event-sourcing';
import { CHECKPOINT_STORE, EVENT_STORE, type CheckpointStore, type EventStore } from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { Application } from './application';
import { CarryOverPolicy } from './carry-over.policy';
import { MergedMembershipsPolicy } from './merged-memberships.policy';
import { MinutesImportService } from './imports/minutes-import.service';
import { MinutesReviewService } from './imports/minutes-review.service';

/** Starts the policies (carry-over, merged memberships) once the read models have caught up, and stops them on shutdown. */
@Injectable()
export class Policies implements BeforeApplicationShutdown {
  constructor(
    readonly carryOver: CarryOverPolicy,
    readonly mergedMemberships: MergedMembershipsPolicy,
    private readonly readModels: ReadModelHost,
  ) {}

  /** Read models first: a policy reads them. */
  async start(): Promise<void> {
    await this.readModels.start();
    this.carryOver.start();
    this.mergedMemberships.start();
  }

  /** Before the event store closes (in a shutdown hook): stopping writes each policy's checkpoint. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.carryOver.stop(), this.mergedMemberships.stop()]);
  }
}

/**
 * The application layer for Nest: the store, the read models, the typed command handlers, the policies and
 * the import, for the API, the worker and the CLI alike.
 */
@Global()
@Module({})
export class ApplicationModule {
  static forConfig(config: Config): DynamicModule {
    return {
      module: ApplicationModule,
      imports: [EventStoreModule.forRoot(config)],
      providers: [
        ReadModelHost,
        { provide: READ_MODEL_BARRIER, useExisting: ReadModelHost },
        {
          provide: Application,
          inject: [EVENT_STORE, ReadModelHost],
          useFactory: (store: EventStore, readModels: ReadModelHost) =>
            new Application(store, readModels, () => readModels.catalog),
        },
        {
          provide: CarryOverPolicy,
          inject: [Application, EVENT_STORE, CHECKPOINT_STORE, ReadModelHost],
          useFactory: (
            app: Application,
            store: EventStore,
            checkpoints: CheckpointStore,
            readModels: ReadModelHost,
          ) => {
            const logger = new Logger('CarryOver');
            return new CarryOverPolicy({
              app,
              store,
              checkpoints,
              readModels,
              catalog: () => readModels.catalog,
              log: (message) => logger.warn(message),
            });
          },
        },
        {
          provide: MergedMembershipsPolicy,
          inject: [Application, EVENT_STORE, CHECKPOINT_STORE, ReadModelHost],
          useFactory: (
            app: Application,
            store: EventStore,
            checkpoints: CheckpointStore,
            readModels: ReadModelHost,
          ) => {
            const logger = new Logger('MergedMemberships');
            return new MergedMembershipsPolicy({
              app,
              store,
              checkpoints,
              readModels,
              catalog: () => readModels.catalog,
              log: (message) => logger.warn(message),
            });
          },
        },
        Policies,
        MinutesImportService,
        MinutesReviewService,
      ],
      exports: [
        ReadModelHost,
        READ_MODEL_BARRIER,
        Application,
        CarryOverPolicy,
        MergedMembershipsPolicy,
        Policies,
        MinutesImportService,
        MinutesReviewService,
      ],
    };
  }
}
