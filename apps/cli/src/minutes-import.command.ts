import { NestFactory } from '@nestjs/core';
import { SingleBar } from 'cli-progress';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '@tilneste/config';
import { nb } from '@tilneste/i18n';
import { documentKindOf, readDocumentFile, type MinutesDraft } from '@tilneste/minutes-import';
import {
  CARRY_OVERS_PENDING,
  countRecorded,
  RECORDED_KINDS,
  type FollowUpCommand,
  type ImportStep,
  type RecordedKind,
} from '@tilneste/minutes-import/plan';
import type { Catalog } from '@tilneste/projections';
import {
  Application,
  ApplicationModule,
  CommandContext,
  MinutesImportService,
  Policies,
} from '@tilneste/application';

const CLI_ACTOR = { kind: 'client', id: 'cli' } as const;

interface Io {
  out: NodeJS.WritableStream;
  ask(question: string): Promise<string>;
  interactive: boolean;
}

const terminal = (): Io => ({
  out: process.stdout,
  interactive: !!process.stdin.isTTY,
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
});

/** The documents to import: the file itself, or every supported file in the directory (not recursive). */
async function documentsAt(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  return (await readdir(path))
    .filter((f) => documentKindOf(f) !== null && !f.endsWith('.gold.json'))
    .sort()
    .map((f) => join(path, f));
}

/**
 * Oldest meeting first; on the same day a notice before the minutes, so the minutes close the meeting the notice
 * announced. The file name breaks remaining ties, so the order never depends on how the directory lists.
 */
export function historyOrder<T extends { draft: MinutesDraft; file: string }>(docs: T[]): T[] {
  const rank = (d: MinutesDraft) => (d.kind === 'notice' ? 0 : 1);
  return [...docs].sort(
    (a, b) =>
      (a.draft.meeting.date ?? '9999').localeCompare(b.draft.meeting.date ?? '9999') ||
      rank(a.draft) - rank(b.draft) ||
      a.file.localeCompare(b.file),
  );
}

const t = nb.importPage;

/** One line for each kind of record, in the words and order of the import page's summary; kinds with none left out. */
export function summaryLines(
  counts: Partial<Record<RecordedKind | typeof CARRY_OVERS_PENDING, number>>,
): string[] {
  const pending = counts[CARRY_OVERS_PENDING] ?? 0;
  return RECORDED_KINDS.filter(
    (kind) => (counts[kind] ?? 0) > 0 || (kind === 'carriedOver' && pending > 0),
  ).map((kind) =>
    kind === 'carriedOver' && pending > 0
      ? t.carriedOverSoFar(counts[kind] ?? 0, pending)
      : t.recorded[kind](counts[kind]!),
  );
}

const osloDate = (instant: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(instant));

/** What a step after the plan does, named from the rehearsal's read models, as the import page words it. */
function followUpLine({ command: c }: ImportStep<FollowUpCommand>, catalog: Catalog): string {
  const meeting = (id: string) => {
    const startsAt = catalog.meetings.get(id)?.startsAt;
    return startsAt ? osloDate(startsAt) : id;
  };
  switch (c.type) {
    case 'ApproveMinutes':
      return t.approvalLine(
        meeting(c.data.meetingId),
        c.data.atMeetingId ? meeting(c.data.atMeetingId) : null,
      );
    case 'CarryOverCommitment':
      return t.carriedOverLine(
        catalog.commitments.get(c.data.commitmentId)?.text ?? c.data.commitmentId,
        meeting(c.data.fromMeetingId),
      );
    case 'ChangeWorkingGroupLead': {
      const lead = c.data.leadPersonId;
      return t.wgLeadChange(
        catalog.workingGroups.get(c.data.workingGroupId)?.name ?? c.data.workingGroupId,
        lead ? (catalog.people.get(lead)?.name ?? lead) : null,
      );
    }
    default: {
      const unknown: never = c;
      throw new Error(`minutes import does not describe ${(unknown as { type: string }).type}`);
    }
  }
}

function progress(total: number, label: string): SingleBar | undefined {
  if (total < 2 || !process.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {value}/{total} {file}`,
  });
  bar.start(total, 0, { file: '' });
  return bar;
}

/**
 * `minutes import FILE|DIR --group ID [--yes]`: reads one document or a whole directory of them, shows what each
 * gives, asks, then commits them oldest meeting first, so a group's history is rebuilt in order.
 */
export async function minutesImportCommand(
  path: string,
  groupId: string,
  yes: boolean,
  io: Io = terminal(),
): Promise<number> {
  const files = await documentsAt(path);
  if (!files.length) {
    process.stderr.write(`Fant ingen referater i ${path} (no .txt, .md, .docx or .pdf files found)\n`);
    return 1;
  }
  const config = loadConfig({ ...process.env, TILNESTE_EMBEDDED_WORKER: 'false' });
  const app = await NestFactory.createApplicationContext(ApplicationModule.forConfig(config), {
    logger: ['error'],
  });
  try {
    await app.get(Policies).start();
    const imports = app.get(MinutesImportService);
    const line = (s = '') => io.out.write(`${s}\n`);

    const reading = progress(files.length, 'Leser');
    const parsed: Array<{ file: string; id: string; draft: MinutesDraft }> = [];
    for (const file of files) {
      reading?.increment(0, { file });
      const { id, draft } = await imports.parse(await readDocumentFile(file), {
        actor: CLI_ACTOR,
        via: 'cli',
      });
      // In a directory, a file with no meeting date, or with neither agenda items nor people (a README, a note), is
      // no meeting's document: it is skipped.
      const meetingDocument =
        !!draft.meeting.date && draft.agendaItems.length + draft.attendees.length + draft.invited.length > 0;
      if (meetingDocument || files.length === 1) parsed.push({ file, id, draft });
      else
        process.stderr.write(
          `Hopper over ${file}: ingen møtedato, saker eller deltakere (skipped: no meeting date, items or people)\n`,
        );
      reading?.increment(1, { file });
    }
    reading?.stop();

    const ordered = historyOrder(parsed);
    // The commits' own steps, rehearsed one document after another as they will be committed: what is shown here
    // is what the commits will record, counted as they count it.
    const rehearsal = await imports.rehearseInOrder(
      ordered.map((d) => d.id),
      groupId,
      CLI_ACTOR,
    );
    for (const [index, doc] of ordered.entries()) {
      const { draft, plan, steps } = rehearsal.documents[index];
      const m = draft.meeting;
      if (files.length > 1) line(doc.file);
      line(
        `${draft.kind === 'notice' ? 'Innkalling' : 'Referat'} ${m.date} ${m.startTime ?? ''}${m.endTime ? `–${m.endTime}` : ''}${m.location ? `, ${m.location}` : ''}`,
      );
      for (const item of draft.agendaItems) {
        line(`  ${item.number}. ${item.title}${item.deferred ? ' (utsatt til neste møte)' : ''}`);
        for (const c of item.commitments) line(`       → ${c.owner ?? 'uten eier'}: ${c.text.slice(0, 100)}`);
      }
      const proposals = plan.resolutions.filter((r) => r.action === 'same-as');
      if (proposals.length) {
        line('Trolig samme person som en som finnes fra før (likely the same person):');
        for (const p of proposals)
          if (p.action === 'same-as') line(`  «${p.name}» = «${p.sameAs}»: ${p.evidence.join('; ')}`);
      }
      line('Blir lagret (to be recorded):');
      if (steps.planned.length === 0) line(`  ${t.alreadyCommittedPreview}`);
      else {
        const lines = summaryLines(countRecorded([...steps.planned, ...steps.followUps]));
        for (const text of lines.length ? lines : [t.previewNothing]) line(`  ${text}`);
        const after = steps.followUps.filter((s) => s.events.length > 0);
        if (after.length) {
          line('Etter planen (after the plan):');
          for (const step of after) line(`  ${followUpLine(step, rehearsal.catalog)}`);
        }
      }
    }
    if (!yes) {
      if (!io.interactive) {
        process.stderr.write(
          'Ikke lagret: bekreft med --yes når det ikke er en terminal (nothing saved; pass --yes)\n',
        );
        return 1;
      }
      const answer = (
        await io.ask(ordered.length > 1 ? `Lagre alle ${ordered.length}? [j/N] ` : 'Lagre dette? [j/N] ')
      )
        .trim()
        .toLowerCase();
      if (!['j', 'ja', 'y', 'yes'].includes(answer)) {
        line('Ikke lagret.');
        return 1;
      }
    }
    const ctx = CommandContext.start(app.get(Application), CLI_ACTOR, 'cli');
    const saving = progress(ordered.length, 'Lagrer');
    for (const doc of ordered) {
      saving?.increment(0, { file: doc.file });
      const result = await imports.commit(doc.id, { groupId }, ctx);
      saving?.increment(1, { file: doc.file });
      const when = doc.draft.meeting.date ?? '';
      if (result.alreadyImported) {
        line(`Møtet ${when} er allerede importert (${result.meetingId}).`);
        continue;
      }
      // Counted from the events each command appended, as the import page's "Lagret i Tilneste".
      line(`Lagret møtet ${when} (${result.meetingId}):`);
      const lines = summaryLines(result.recorded);
      for (const text of lines.length ? lines : [t.recordedNothing]) line(`  ${text}`);
    }
    saving?.stop();
    return 0;
  } finally {
    await app.close();
  }
}
