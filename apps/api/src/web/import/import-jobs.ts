import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@tilneste/domain-kit';

export type JobKind = 'parse' | 'commit';

/** A long piece of work the pages started and poll: reading a document, or recording a reviewed draft. */
export interface ImportJob {
  id: string;
  kind: JobKind;
  /** Only whoever started it may watch it. */
  owner: string;
  startedAt: number;
  done: number;
  total: number | null;
  state: 'running' | 'done' | 'failed';
  /** Where the reader goes once it is done. */
  target: string | null;
  error: unknown;
}

const KEEP_MS = 60 * 60 * 1000;
const actorKey = (actor: Actor) => `${actor.kind}:${actor.id}`;

/**
 * The import page's running jobs, in this process's memory. A restart loses only the job's progress bar: what
 * the job produces (the parsed draft, the recorded events) is in the store, and the review page shows it.
 */
@Injectable()
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  start(
    kind: JobKind,
    by: Actor,
    work: (job: { progress(done: number, total: number): void }) => Promise<string>,
  ): ImportJob {
    this.prune();
    const job: ImportJob = {
      id: randomUUID(),
      kind,
      owner: actorKey(by),
      startedAt: Date.now(),
      done: 0,
      total: null,
      state: 'running',
      target: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    void work({
      progress: (done, total) => {
        job.done = done;
        job.total = total;
      },
    }).then(
      (target) => {
        job.state = 'done';
        job.target = target;
      },
      (error: unknown) => {
        job.state = 'failed';
        job.error = error;
      },
    );
    return job;
  }

  /** The job, if it is this reader's. */
  get(id: string, by: Actor): ImportJob | null {
    const job = this.jobs.get(id);
    return job && job.owner === actorKey(by) ? job : null;
  }

  private prune(): void {
    const old = Date.now() - KEEP_MS;
    for (const [id, job] of this.jobs)
      if (job.startedAt < old && job.state !== 'running') this.jobs.delete(id);
  }
}
