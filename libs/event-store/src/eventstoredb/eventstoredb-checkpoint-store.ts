import { BACKWARDS, END, ErrorType, type EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { CheckpointStore } from '../event-store.port';

/** A `$` type keeps checkpoints out of `$all` reads and subscriptions, like every system event. */
export const CHECKPOINT_EVENT_TYPE = '$TilnesteCheckpoint';

/**
 * Checkpoints as events, one stream per subscription id (`checkpoint-<id>`), each stream capped at
 * its last event with `$maxCount`. The latest is read backwards.
 */
export class EventStoreDbCheckpointStore implements CheckpointStore {
  private readonly capped = new Set<string>();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly streamPrefix = 'checkpoint-',
  ) {}

  async load(subscriptionId: string): Promise<bigint | undefined> {
    const stream = this.streamOf(subscriptionId);
    let data: unknown;
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        data = resolved.event?.data;
      }
    } catch (error) {
      if ((error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND) return undefined;
      throw error;
    }
    return data === undefined ? undefined : parseCheckpoint(stream, data);
  }

  async store(subscriptionId: string, position: bigint): Promise<void> {
    const stream = this.streamOf(subscriptionId);
    await this.capAtOneEvent(stream);
    await this.client.appendToStream(
      stream,
      jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: position.toString() } }),
    );
  }

  private streamOf(subscriptionId: string): string {
    return `${this.streamPrefix}${subscriptionId}`;
  }

  // Once per stream and process: older checkpoints are worthless, let the server scavenge them.
  private async capAtOneEvent(stream: string): Promise<void> {
    if (this.capped.has(stream)) return;
    const { metadata } = await this.client.getStreamMetadata(stream);
    if (metadata?.maxCount !== 1) await this.client.setStreamMetadata(stream, { ...metadata, maxCount: 1 });
    this.capped.add(stream);
  }
}

/** Positions are stored as decimal strings: bigint is not JSON. */
export function parseCheckpoint(stream: string, data: unknown): bigint {
  const position = (data as { position?: unknown } | null)?.position;
  if (typeof position !== 'string' || !/^\d+$/.test(position)) {
    throw new Error(`The checkpoint in ${stream} is not a position: ${JSON.stringify(data)}`);
  }
  return BigInt(position);
}
