import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { DomainError, type Actor } from '@tilneste/domain-kit';
import {
  EVENT_STORE,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStore,
  type JsonObject,
} from '@tilneste/event-store';
import { minutesDraftSchema, type MinutesDraft } from '@tilneste/minutes-import';

const NAMESPACE = '5b8f3c2e-1d4a-4e7b-9a60-2c9e8f7d1a44';

/**
 * A draft under review, kept as events so that a closed tab or a restart loses nothing and the audit trail
 * shows who changed what: opened once per document (with the text its line numbers count in), saved after
 * each edit, and marked committed once recorded.
 */
const reviewEvents = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('MinutesReviewOpened'),
    data: z.object({
      contentHash: z.string(),
      fileName: z.string().nullable(),
      text: z.string(),
      draft: minutesDraftSchema,
      groupId: z.string().nullable(),
    }),
  }),
  z.object({
    type: z.literal('MinutesReviewSaved'),
    data: z.object({
      groupId: z.string().nullable(),
      draft: minutesDraftSchema,
      rejectedMatches: z.array(z.string()),
    }),
  }),
  z.object({
    type: z.literal('MinutesReviewCommitted'),
    data: z.object({
      groupId: z.string(),
      meetingId: z.string(),
      created: z.record(z.string(), z.number()),
    }),
  }),
]);

/** The index of reviews, for the list of drafts still open. */
const reviewIndexEvents = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('MinutesReviewListed'),
    data: z.object({
      contentHash: z.string(),
      fileName: z.string().nullable(),
      groupId: z.string().nullable(),
      at: z.string(),
    }),
  }),
  z.object({ type: z.literal('MinutesReviewClosed'), data: z.object({ contentHash: z.string() }) }),
]);

export interface ListedReview {
  id: string;
  fileName: string | null;
  groupId: string | null;
  at: string;
  committed: boolean;
}

export interface MinutesReview {
  id: string;
  fileName: string | null;
  /** The document's text, whose lines the draft's source ranges count. */
  text: string;
  groupId: string | null;
  draft: MinutesDraft;
  /** Names whose proposed match to a known person the reviewer turned down. */
  rejectedMatches: string[];
  committed: { groupId: string; meetingId: string; created: Record<string, number> } | null;
  /** The stream's revision: a save names the revision it edited, so two tabs cannot overwrite each other. */
  revision: bigint;
  openedBy: Actor | null;
  openedAt: string | null;
}

const reviewStream = (id: string) => `minutesreview-${id}`;
const INDEX = 'minutesreviews';
const HASH = /^[0-9a-f]{64}$/;

export const reviewNotFound = (id: string) =>
  new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');

/** Keeps the reviewed draft of each imported document (see `reviewEvents`). */
@Injectable()
export class MinutesReviewService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Opens the review of a parsed document; a document opened before keeps its edits. */
  async open(
    input: { id: string; fileName: string | null; text: string; draft: MinutesDraft; groupId: string | null },
    by: Actor,
  ): Promise<MinutesReview> {
    const stream = reviewStream(input.id);
    const at = new Date().toISOString();
    await this.store
      .appendToStream(
        stream,
        [
          {
            id: uuidv5(`${stream}/opened`, NAMESPACE),
            type: 'MinutesReviewOpened',
            data: {
              contentHash: input.id,
              fileName: input.fileName,
              text: input.text,
              draft: input.draft,
              groupId: input.groupId,
            } as unknown as JsonObject,
            metadata: { actor: by, via: 'web', at } as unknown as JsonObject,
          },
        ],
        { expectedRevision: 'no_stream' },
      )
      .then(() =>
        this.store.appendToStream(
          INDEX,
          [
            {
              id: uuidv5(`${INDEX}/${input.id}`, NAMESPACE),
              type: 'MinutesReviewListed',
              data: { contentHash: input.id, fileName: input.fileName, groupId: input.groupId, at },
              metadata: { actor: by, via: 'web', at } as unknown as JsonObject,
            },
          ],
          { expectedRevision: 'any' },
        ),
      )
      .catch((error) => {
        // Opened before (or by a twin request just now): its draft and edits stand.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      });
    return (await this.find(input.id))!;
  }

  /** Stores an edited draft, if nobody saved another since `revision`. */
  async save(
    id: string,
    revision: bigint,
    change: { groupId: string | null; draft: MinutesDraft; rejectedMatches: string[] },
    by: Actor,
  ): Promise<bigint> {
    const stream = reviewStream(id);
    const data = {
      groupId: change.groupId,
      draft: minutesDraftSchema.parse(change.draft),
      rejectedMatches: [...new Set(change.rejectedMatches)],
    };
    try {
      const result = await this.store.appendToStream(
        stream,
        [
          {
            id: uuidv5(`${stream}/saved/${revision + 1n}`, NAMESPACE),
            type: 'MinutesReviewSaved',
            data: data as unknown as JsonObject,
            metadata: { actor: by, via: 'web', at: new Date().toISOString() } as unknown as JsonObject,
          },
        ],
        { expectedRevision: revision },
      );
      return result.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError)
        throw new DomainError(
          'IMPORT.DRAFT_CHANGED',
          'Utkastet er endret av noen andre siden du åpnet det (the draft was changed meanwhile)',
          'conflict',
        );
      throw error;
    }
  }

  async committed(
    id: string,
    outcome: { groupId: string; meetingId: string; created: Record<string, number> },
    by: Actor,
  ): Promise<void> {
    const stream = reviewStream(id);
    const metadata = { actor: by, via: 'web', at: new Date().toISOString() } as unknown as JsonObject;
    await this.store.appendToStream(
      stream,
      [
        {
          id: uuidv5(`${stream}/committed`, NAMESPACE),
          type: 'MinutesReviewCommitted',
          data: outcome as unknown as JsonObject,
          metadata,
        },
      ],
      { expectedRevision: 'any' },
    );
    await this.store.appendToStream(
      INDEX,
      [
        {
          id: uuidv5(`${INDEX}/${id}/closed`, NAMESPACE),
          type: 'MinutesReviewClosed',
          data: { contentHash: id },
          metadata,
        },
      ],
      { expectedRevision: 'any' },
    );
  }

  /** The review of a document, or null when none was opened. */
  async find(id: string): Promise<MinutesReview | null> {
    if (!HASH.test(id)) return null;
    let review: MinutesReview | null = null;
    try {
      for await (const e of this.store.readStream(reviewStream(id))) {
        const event = reviewEvents.parse({ type: e.type, data: e.data });
        const meta = (e.metadata ?? {}) as { actor?: Actor; at?: string };
        if (event.type === 'MinutesReviewOpened') {
          review = {
            id,
            fileName: event.data.fileName,
            text: event.data.text,
            groupId: event.data.groupId,
            draft: event.data.draft,
            rejectedMatches: [],
            committed: null,
            revision: e.revision,
            openedBy: meta.actor ?? null,
            openedAt: meta.at ?? e.createdAt.toISOString(),
          };
        } else if (review && event.type === 'MinutesReviewSaved') {
          review.groupId = event.data.groupId;
          review.draft = event.data.draft;
          review.rejectedMatches = event.data.rejectedMatches;
          review.revision = e.revision;
        } else if (review && event.type === 'MinutesReviewCommitted') {
          review.committed = event.data;
          review.revision = e.revision;
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return review;
  }

  async get(id: string): Promise<MinutesReview> {
    const review = await this.find(id);
    if (!review) throw reviewNotFound(id);
    return review;
  }

  /** Every review opened, newest first, with whether it was committed. */
  async list(): Promise<ListedReview[]> {
    const listed = new Map<string, ListedReview>();
    try {
      for await (const e of this.store.readStream(INDEX)) {
        const event = reviewIndexEvents.parse({ type: e.type, data: e.data });
        if (event.type === 'MinutesReviewListed')
          listed.set(event.data.contentHash, {
            id: event.data.contentHash,
            fileName: event.data.fileName,
            groupId: event.data.groupId,
            at: event.data.at,
            committed: false,
          });
        else {
          const entry = listed.get(event.data.contentHash);
          if (entry) entry.committed = true;
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return [...listed.values()].reverse();
  }
}
