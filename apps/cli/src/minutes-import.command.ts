import { NestFactory } from '@nestjs/core';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '@tilneste/config';
import { readMinutesFile } from '@tilneste/minutes-import';
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

/** `minutes import FILE --group ID [--yes]`: shows what the document gives, asks, then commits it. */
export async function minutesImportCommand(
  file: string,
  groupId: string,
  yes: boolean,
  io: Io = terminal(),
): Promise<number> {
  const text = await readMinutesFile(file);
  const config = loadConfig({ ...process.env, TILNESTE_EMBEDDED_WORKER: 'false' });
  const app = await NestFactory.createApplicationContext(ApplicationModule.forConfig(config), {
    logger: ['error'],
  });
  try {
    await app.get(Policies).start();
    const imports = app.get(MinutesImportService);
    const { id } = await imports.parse(text, basename(file), { actor: CLI_ACTOR, via: 'cli' });
    const { draft, plan } = await imports.preview(id, { groupId });
    const line = (s = '') => io.out.write(`${s}\n`);
    const m = draft.meeting;
    line(
      `${draft.kind === 'notice' ? 'Innkalling' : 'Referat'} ${m.date} ${m.startTime ?? ''}${m.endTime ? `–${m.endTime}` : ''}${m.location ? `, ${m.location}` : ''}`,
    );
    line(
      `  ${draft.attendees.length} til stede, ${draft.agendaItems.length} saker, ${plan.summary.decisions} vedtak, ${plan.summary.commitments} forpliktelser, ${plan.summary.workingGroups} nye arbeidsgrupper`,
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
    line(`${plan.summary.people} nye personer.`);
    if (!yes) {
      if (!io.interactive) {
        process.stderr.write(
          'Ikke lagret: bekreft med --yes når det ikke er en terminal (nothing saved; pass --yes)\n',
        );
        return 1;
      }
      const answer = (await io.ask('Lagre dette? [j/N] ')).trim().toLowerCase();
      if (!['j', 'ja', 'y', 'yes'].includes(answer)) {
        line('Ikke lagret.');
        return 1;
      }
    }
    const ctx = CommandContext.start(app.get(Application), CLI_ACTOR, 'cli');
    const result = await imports.commit(id, { groupId }, ctx);
    line(
      result.alreadyImported
        ? `Dette dokumentet er allerede importert (møte ${result.meetingId}).`
        : `Lagret møte ${result.meetingId}.`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
