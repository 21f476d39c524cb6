import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { DomainError, type Actor, type Via } from '@tilneste/domain-kit';
import {
  EVENT_STORE,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStore,
  type JsonObject,
} from '@tilneste/event-store';
import { minutesDraftSchema, parseMinutes, type MinutesDraft } from '@tilneste/minutes-import';
import { ImportPlanError, planImport, resolvePeople } from '@tilneste/minutes-import/plan';
import { ReadModelHost } from '@tilneste/projections';
import { CarryOverPolicy } from '../carry-over.policy';
import type { CommandContext } from '../command-context';
import { lookups } from '../lookups';
import { ValidationError, parseInput } from '../validation';

const NAMESPACE = '0c9e51d2-6a0b-4b6f-8f1e-4c2d7e9a1b33';
/** A re-run of an interrupted import meets what the first run already created: that is not an error. */
const ALREADY_DONE = /\.ALREADY_|ITEM_ALREADY_|MEETING\.ALREADY_HELD/;

const importEvents = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('MinutesParsed'),
    data: z.object({ contentHash: z.string(), fileName: z.string().nullable(), draft: z.unknown() }),
  }),
  z.object({
    type: z.literal('MinutesImported'),
    data: z.object({
      contentHash: z.string(),
      groupId: z.string(),
      meetingId: z.string(),
      created: z.record(z.string(), z.number()),
      draft: z.unknown(),
    }),
  }),
]);
type ImportEvent = z.infer<typeof importEvents>;

export const commitBody = z.strictObject({
  groupId: z.string().trim().min(1).max(100),
  draft: z.unknown().optional(),
  /** Names whose proposed match to a known person the reviewer rejects. */
  rejectMatches: z.array(z.string().min(1).max(300)).max(500).optional(),
});

const importStream = (hash: string) => `minutesimport-${hash}`;

/** From the secretariat's document to reviewed events: parse to a draft, then commit it as ordinary commands. */
@Injectable()
export class MinutesImportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelHost,
    private readonly carryOver: CarryOverPolicy,
  ) {}

  /** Parses the text and keeps the draft under the content hash, so the same document is the same import. */
  async parse(text: string, fileName: string | null, by: { actor: Actor; via: Via }) {
    if (!text.trim())
      throw new ValidationError([{ path: [], message: 'the document is empty', code: 'too_small' }]);
    const contentHash = createHash('sha256').update(text).digest('hex');
    const draft = parseMinutes(text, { fileName: fileName ?? undefined });
    const stream = importStream(contentHash);
    await this.store.appendToStream(
      stream,
      [
        {
          id: uuidv5(`${stream}/parsed`, NAMESPACE),
          type: 'MinutesParsed',
          data: { contentHash, fileName, draft } as unknown as JsonObject,
          metadata: { actor: by.actor, via: by.via, at: new Date().toISOString() },
        },
      ],
      { expectedRevision: 'any' },
    );
    const people = resolvePeople(
      [draft.chair, ...draft.secretariat, ...draft.attendees.map((a) => a.name)]
        .filter((n): n is string => !!n)
        .map((name) => ({ name, organisation: null })),
      [...this.readModels.catalog.people.values()],
      () => '(ny)',
    );
    return { id: contentHash, draft, people };
  }

  async commit(id: string, body: unknown, ctx: CommandContext) {
    const input = parseInput(commitBody, body ?? {});
    const history = await this.history(id);
    const parsed = history.find((e) => e.type === 'MinutesParsed');
    if (!parsed) throw new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');
    const done = history.find(
      (e): e is Extract<ImportEvent, { type: 'MinutesImported' }> => e.type === 'MinutesImported',
    );
    if (done)
      return { meetingId: done.data.meetingId, created: zeroed(done.data.created), alreadyImported: true };

    const { draft, plan } = this.plan(id, input, parsed.data.draft);
    const importing = ctx.as({ via: 'import', causationId: importStream(id) });
    for (const command of plan.commands) {
      try {
        const result = await importing.send(command, { useIfMatch: false });
        // The carry-over policy acts on the stored MeetingHeld, as for a meeting held over HTTP.
        if (command.type === 'HoldMeeting' && result.position !== undefined) {
          await this.carryOver.settled(result.position);
        }
      } catch (error) {
        if (!(error instanceof DomainError && ALREADY_DONE.test(error.code))) throw error;
      }
    }
    await this.store
      .appendToStream(
        importStream(id),
        [
          {
            id: uuidv5(`${importStream(id)}/imported`, NAMESPACE),
            type: 'MinutesImported',
            data: {
              contentHash: id,
              groupId: input.groupId,
              meetingId: plan.meetingId,
              created: plan.summary,
              draft,
            } as unknown as JsonObject,
          },
        ],
        { expectedRevision: 0n },
      )
      .catch((error) => {
        // A concurrent commit of the same document recorded it first; its commands and ours were the same.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      });
    return {
      meetingId: plan.meetingId,
      created: plan.summary,
      people: plan.resolutions,
      alreadyImported: false,
    };
  }

  /** What a commit would do, without doing it: for a reviewer to read first. */
  async preview(id: string, body: unknown) {
    const input = parseInput(commitBody, body ?? {});
    const parsed = (await this.history(id)).find((e) => e.type === 'MinutesParsed');
    if (!parsed) throw new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');
    return this.plan(id, input, parsed.data.draft);
  }

  private plan(id: string, input: z.infer<typeof commitBody>, storedDraft: unknown) {
    const draft = this.validDraft(input.draft ?? storedDraft);
    const catalog = this.readModels.catalog;
    const group = lookups.group(catalog, input.groupId);
    try {
      const plan = planImport(draft, {
        importId: id,
        groupId: input.groupId,
        directory: [...catalog.people.values()],
        members: group.members,
        meetings: group.meetingIds.map((m) => catalog.meetings.get(m)!),
        matters: [...group.matterIds].map((m) => catalog.matters.get(m)!),
        workingGroups: [...group.workingGroupIds].map((w) => catalog.workingGroups.get(w)!),
        rejectedMatches: input.rejectMatches,
      });
      return { draft, plan };
    } catch (error) {
      if (error instanceof ImportPlanError)
        throw new ValidationError([
          { path: ['draft', ...error.path], message: error.message, code: 'custom' },
        ]);
      throw error;
    }
  }

  private validDraft(draft: unknown): MinutesDraft {
    const result = minutesDraftSchema.safeParse(draft);
    if (!result.success) {
      throw new ValidationError(
        result.error.issues.map((i) => ({
          path: ['draft', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: i.message,
          code: i.code,
        })),
        'Utkastet er ugyldig (the draft is invalid)',
      );
    }
    return result.data;
  }

  private async history(id: string): Promise<ImportEvent[]> {
    if (!/^[0-9a-f]{64}$/.test(id))
      throw new DomainError('IMPORT.NOT_FOUND', `Importen ${id} finnes ikke`, 'not_found');
    const events: ImportEvent[] = [];
    try {
      for await (const e of this.store.readStream(importStream(id)))
        events.push(importEvents.parse({ type: e.type, data: e.data }));
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  }
}

const zeroed = (created: Record<string, number>) =>
  Object.fromEntries(Object.keys(created).map((k) => [k, 0]));
