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
import { IMPORT_ERASED, importSubject, personalDataErrors } from '@tilneste/personal-data';
import { stringsIn } from './import-mentions';

const NAMESPACE = '5b8f3c2e-1d4a-4e7b-9a60-2c9e8f7d1a44';

/**
 * A draft under review, kept as events so that a closed tab or a restart loses nothing and the audit trail
 * shows who changed what: opened once per document (with the text its line numbers count in), saved after
 * each edit, and marked committed once recorded. The text and drafts are sealed under the import's key: once
 * an erasure removes the document they read null, and `MinutesImportErased` records that it happened.
 */
const reviewEvents = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('MinutesReviewOpened'),
    data: z.object({
      contentHash: z.string(),
      fileName: z.string().nullable(),
      text: z.string().nullable(),
      draft: minutesDraftSchema.nullable(),
      groupId: z.string().nullable(),
    }),
  }),
  z.object({
    type: z.literal('MinutesReviewSaved'),
    data: z.object({
      groupId: z.string().nullable(),
      draft: minutesDraftSchema.nullable(),
      rejectedMatches: z.array(z.string()),
    }),
  }),
  z.object({ type: z.literal(IMPORT_ERASED), data: z.object({ contentHash: z.string() }) }),
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
  z.object({ type: z.literal(IMPORT_ERASED), data: z.object({ contentHash: z.string() }) }),
]);

export interface ListedReview {
  id: string;
  fileName: string | null;
  groupId: string | null;
  at: string;
  committed: boolean;
  /** Removed by an erasure: the file name reads null, and there is nothing left to review. */
  erased: boolean;
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
  erased: false;
}

/** A review whose document an erasure removed: what it recorded, and nothing of the document. */
export interface ErasedReview {
  id: string;
  groupId: string | null;
  committed: MinutesReview['committed'];
  revision: bigint;
  erased: true;
}

const reviewStream = (id: string) => `minutesreview-${id}`;
const INDEX = 'minutesreviews';
const HASH = /^[0-9a-f]{64}$/;

export const reviewNotFound = (id: string) =>
  new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');

/** An import whose document was removed by an erasure: what it recorded stays, its text and drafts are gone. */
export const importErased = (id: string) => personalDataErrors.erased(importSubject(id));

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
    return this.get(input.id);
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

  /** The review of a document (or what an erasure left of it), or null when none was opened. */
  async find(id: string): Promise<MinutesReview | ErasedReview | null> {
    if (!HASH.test(id)) return null;
    let review: MinutesReview | null = null;
    let erased: ErasedReview | null = null;
    try {
      for await (const e of this.store.readStream(reviewStream(id))) {
        const event = reviewEvents.parse({ type: e.type, data: e.data });
        const meta = (e.metadata ?? {}) as { actor?: Actor; at?: string };
        if (event.type === 'MinutesReviewOpened') {
          const { text, draft } = event.data;
          if (text === null || draft === null) {
            erased = { id, groupId: event.data.groupId, committed: null, revision: e.revision, erased: true };
            continue;
          }
          review = {
            id,
            fileName: event.data.fileName,
            text,
            groupId: event.data.groupId,
            draft,
            rejectedMatches: [],
            committed: null,
            revision: e.revision,
            openedBy: meta.actor ?? null,
            openedAt: meta.at ?? e.createdAt.toISOString(),
            erased: false,
          };
        } else if (event.type === IMPORT_ERASED) {
          erased ??= { id, groupId: review?.groupId ?? null, committed: null, revision: 0n, erased: true };
          erased.committed = review?.committed ?? erased.committed;
          erased.revision = e.revision;
          review = null;
        } else if (erased) {
          if (event.type === 'MinutesReviewSaved') erased.groupId = event.data.groupId;
          if (event.type === 'MinutesReviewCommitted') erased.committed = event.data;
          erased.revision = e.revision;
        } else if (review && event.type === 'MinutesReviewSaved') {
          if (event.data.draft === null) continue;
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
    return erased ?? review;
  }

  /** A review to read or change: 404 when there is none, 409 `IMPORT.ERASED` when an erasure removed it. */
  async get(id: string): Promise<MinutesReview> {
    const review = await this.find(id);
    if (!review) throw reviewNotFound(id);
    if (review.erased) throw importErased(id);
    return review;
  }

  /** A review to show, or what an erasure left of it. */
  async read(id: string): Promise<MinutesReview | ErasedReview> {
    const review = await this.find(id);
    if (!review) throw reviewNotFound(id);
    return review;
  }

  /** Every string the review's events hold (the text, each saved draft, the names turned down), for erasure. */
  async documentTexts(id: string): Promise<string[]> {
    const texts: string[] = [];
    if (!HASH.test(id)) return texts;
    try {
      for await (const e of this.store.readStream(reviewStream(id))) stringsIn(e.data, texts);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return texts;
  }

  /**
   * Records that an erasure removed the document, in its review and in the list of reviews; the store shreds the
   * import's key as the first of these is appended. Either is skipped when already there (or never opened).
   */
  async erased(id: string, by: Actor): Promise<void> {
    const metadata = { actor: by, via: 'api', at: new Date().toISOString() } as unknown as JsonObject;
    const event = (stream: string) => ({
      id: uuidv5(`${stream}/${id}/erased`, NAMESPACE),
      type: IMPORT_ERASED,
      data: { contentHash: id },
      metadata,
    });
    const types = async (stream: string, of: (data: unknown) => boolean) => {
      const seen: string[] = [];
      try {
        for await (const e of this.store.readStream(stream)) if (of(e.data)) seen.push(e.type);
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error;
      }
      return seen;
    };
    const inReview = await types(reviewStream(id), () => true);
    if (inReview.length > 0 && !inReview.includes(IMPORT_ERASED))
      await this.store.appendToStream(reviewStream(id), [event(reviewStream(id))], {
        expectedRevision: 'any',
      });
    const listed = await types(INDEX, (data) => (data as { contentHash?: unknown }).contentHash === id);
    if (listed.length > 0 && !listed.includes(IMPORT_ERASED))
      await this.store.appendToStream(INDEX, [event(INDEX)], { expectedRevision: 'any' });
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
            erased: false,
          });
        else {
          const entry = listed.get(event.data.contentHash);
          if (entry && event.type === 'MinutesReviewClosed') entry.committed = true;
          if (entry && event.type === IMPORT_ERASED) Object.assign(entry, { erased: true, fileName: null });
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return [...listed.values()].reverse();
  }
}
