/** Lets a write wait until the read models have applied it, so the next read shows it. */
export interface ReadModelBarrier {
  waitFor(position: bigint): Promise<void>;
}
export const READ_MODEL_BARRIER = Symbol('READ_MODEL_BARRIER');
