import 'reflect-metadata';
import { SingleBar } from 'cli-progress';
import { ConfigError, loadConfig } from '@tilneste/config';
import { createEventStore } from '@tilneste/event-sourcing';
import { minutesParseCommand } from '@tilneste/minutes-import/cli';
import { applyToCatalog, Catalog, myTasks } from '@tilneste/projections';
import { exportEvents, openOutput, RestoreError, restoreEvents } from './backup';
import { encryptStore, MigrationError } from './encrypt-migration';
import { exitWhenWritten } from './exit';
import { minutesImportCommand } from './minutes-import.command';

const USAGE = `Bruk (usage): npm run -s cli -- <kommando>
  minutes parse FIL            skriv utkastet fra et referat som JSON (prints the draft as JSON)
  minutes import FIL|MAPPE --group ID [--yes]
                               vis og lagre et referat, eller en hel mappe eldste møte først
                               (review and commit minutes, or a whole directory oldest meeting first)
  export [--out FIL]           alle hendelser som JSON Lines (all events as JSON Lines)
  restore FIL                  les en eksport inn i et tomt lager (restore into an empty store)
  rebuild                      bygg lesemodellene på nytt, med framdrift (rebuild the read models)
  tasks PERSON_ID              en persons åpne oppgaver (a person's open tasks)
  generate [--events N] …      lag et syntetisk datasett i et tomt lager (synthetic councils into an empty
                               store; generate --help lists its options)
  demo [--years N]             start Tilneste på et oppdiktet råd, laget første gang (npm run demo: the
                               product on a generated store under ./data/demo, for a first look)
  encrypt-personal-data FRA TIL
                               kopier et gammelt SQLite-lager til et nytt med personfeltene kryptert,
                               og sjekk at lesemodellene er like (one-off migration: encrypt names,
                               e-mail and own free text per person, then compare every read model)`;

async function withStore<T>(
  run: (store: ReturnType<typeof createEventStore>['store']) => Promise<T>,
): Promise<T> {
  const { store } = createEventStore(loadConfig());
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function rebuild(
  store: ReturnType<typeof createEventStore>['store'],
  progress: boolean,
): Promise<Catalog> {
  let total = 0;
  if (progress)
    for await (const _ of store.readAll({ direction: 'backwards', maxCount: 1 })) total = Number(_.position);
  const bar =
    progress && process.stderr.isTTY
      ? new SingleBar({
          stream: process.stderr,
          format: 'Bygger lesemodeller [{bar}] {percentage}% | {value}/{total}',
        })
      : undefined;
  bar?.start(total, 0);
  const catalog = new Catalog();
  let n = 0;
  for await (const event of store.readAll()) {
    applyToCatalog(catalog, event);
    if (++n % 1000 === 0) bar?.update(Number(event.position));
  }
  bar?.update(total);
  bar?.stop();
  return catalog;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'minutes':
      if (args[0] === 'parse' && args[1]) return minutesParseCommand(args[1]);
      if (args[0] === 'import' && args[1] && args.includes('--group')) {
        return minutesImportCommand(args[1], args[args.indexOf('--group') + 1] ?? '', args.includes('--yes'));
      }
      break;
    case 'export': {
      const outIndex = args.indexOf('--out');
      const out = openOutput(outIndex >= 0 ? args[outIndex + 1] : undefined);
      const count = await withStore((store) => exportEvents(store, out));
      if (out !== process.stdout) await new Promise<void>((r) => out.end(() => r()));
      process.stderr.write(`Eksporterte ${count} hendelser\n`);
      return 0;
    }
    case 'restore':
      if (!args[0]) break;
      process.stderr.write(
        `Leste inn ${await withStore((store) => restoreEvents(store, args[0]))} hendelser\n`,
      );
      return 0;
    case 'rebuild': {
      const started = Date.now();
      const catalog = await withStore((store) => rebuild(store, true));
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(
        `Ferdig på ${seconds.toFixed(2)} s: ${catalog.people.size} personer, ${catalog.meetings.size} møter, ${catalog.commitments.size} forpliktelser\n`,
      );
      return 0;
    }
    case 'encrypt-personal-data': {
      if (!args[0] || !args[1]) break;
      const result = await encryptStore(args[0], args[1]);
      process.stderr.write(
        `Kopierte ${result.events} hendelser til ${args[1]}, ${result.sealedFields} personfelt kryptert; nøkler i ${result.keysPath}. ` +
          `Alle lesemodeller er like før og etter (every read model is identical). ` +
          `Sett SQLITE_PATH til den nye filen, og slett den gamle og sikkerhetskopier av den.\n`,
      );
      return 0;
    }
    case 'generate':
      return (await import('./generate')).generateCommand(args);
    case 'demo':
      return (await import('./demo')).demoCommand(args);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'tasks': {
      if (!args[0]) break;
      const catalog = await withStore((store) => rebuild(store, false));
      const person = catalog.people.get(args[0]);
      if (!person) {
        process.stderr.write(`Fant ingen person med id ${args[0]}\n`);
        return 1;
      }
      const tasks = myTasks(catalog, args[0], new Date());
      process.stdout.write(`${person.name}: ${tasks.length} åpne oppgaver\n`);
      for (const t of tasks) {
        const carried = t.carriedOver
          ? ` (overført ${t.carriedOver} gang${t.carriedOver > 1 ? 'er' : ''})`
          : '';
        process.stdout.write(
          `- ${t.text}${t.workingGroup ? ` [${t.workingGroup.name}]` : ''} — frist ${t.dueAt ?? 'neste møte (ikke berammet)'}${carried}\n`,
        );
      }
      return 0;
    }
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => exitWhenWritten(code),
    (error) => {
      // Our own errors carry a stable code and a message meant for people: no stack trace for those.
      const known =
        error instanceof ConfigError ||
        error instanceof RestoreError ||
        error instanceof MigrationError ||
        typeof (error as { code?: unknown }).code === 'string';
      if (known) process.stderr.write(`${(error as Error).message}\n`);
      else process.stderr.write(`${(error as Error).stack ?? error}\n`);
      exitWhenWritten(1);
    },
  );
}
