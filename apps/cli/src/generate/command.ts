// `generate …`: sizing a run and the CLI command.
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { loadConfig, type Config } from '@tilneste/config';
import { createEventStore } from '@tilneste/event-sourcing';
import type { EventStore } from '@tilneste/event-store';
import { ReadModelHost } from '@tilneste/projections';
import { Application, ApplicationModule, CarryOverPolicy, Policies } from '@tilneste/application';
import { parseOptions } from '../options';
import { Story, type GenerateOptions, type Sink, type Summary } from './story';
import { CommandSink, CountingSink, DirectSink } from './sinks';

async function dryRun(
  options: GenerateOptions & { councils: number },
  limit = Number.POSITIVE_INFINITY,
): Promise<number> {
  const sink = new CountingSink(limit);
  await new Story(options, sink).run();
  return sink.written;
}

/** How many councils (and, for small sizes, years) give at least `events` events, from dry runs that decide nothing. */
export async function sized(options: GenerateOptions): Promise<GenerateOptions & { councils: number }> {
  if (options.councils) return { ...options, councils: options.councils };
  const wanted = options.events * 1.05;
  const one = await dryRun({ ...options, councils: 1 });
  let plan = { ...options, councils: 1, years: Math.max(1, Math.ceil((options.years * wanted) / one)) };
  if (wanted > one) {
    // Councils differ in size: the first few give a fair average.
    const sample = Math.min(4, Math.ceil(wanted / one));
    plan = {
      ...options,
      councils: Math.ceil((wanted * sample) / (await dryRun({ ...options, councils: sample }))),
    };
  }
  // An estimate can fall short (a first year is mostly setting up): grow it until a dry run reaches the size.
  while ((await dryRun(plan, options.events)) < options.events) {
    plan =
      plan.councils === 1 && plan.years < options.years
        ? { ...plan, years: plan.years + 1 }
        : { ...plan, councils: plan.councils + Math.ceil(plan.councils / 20) };
  }
  return plan;
}

/** Runs the whole story into a sink. */
export async function generate(options: GenerateOptions, sink: Sink): Promise<Summary> {
  const story = new Story(await sized(options), sink);
  await story.run();
  if (sink instanceof DirectSink) sink.commit();
  return story.summary();
}

const GENERATE_USAGE = `Bruk (usage): npm run -s cli -- generate [--events N] [--seed S] [--years Y] [--councils C] [--until YYYY-MM-DD]
                               [--via commands|direct] [--manifest FIL]
  Lager et deterministisk datasett i et tomt lager (deterministic councils into an empty store).
  --via commands går gjennom kommandoene som API-et (default up to 20 000 events); direct skriver rett i lageret.`;

const count = z
  .string()
  .regex(/^[1-9]\d*$/, 'must be a whole number above 0')
  .transform(Number);

/** The options' values as `parseArgs` reads them (strings), checked and given their defaults. */
const generateArgs = z
  .object({
    events: count.default(10_000),
    years: count.default(8),
    councils: count.optional(),
    seed: z.string().default('1'),
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
      .default('2026-10-31'),
    via: z.enum(['commands', 'direct'], { error: 'must be commands or direct' }).optional(),
    manifest: z.string().optional(),
  })
  .transform(({ via, ...options }) => ({
    ...options,
    via: via ?? (options.events <= 20_000 ? ('commands' as const) : ('direct' as const)),
  }));

type GenerateArgs = GenerateOptions & z.output<typeof generateArgs>;

/**
 * The options of `generate`, or why there are none: `help` for `--help`, a message for anything else it does not
 * know (an unknown option, a missing value, a value out of range), so a mistyped command never fills a store.
 */
export function parseGenerateArgs(args: string[]): GenerateArgs | 'help' | { error: string } {
  return parseOptions(
    args,
    ['events', 'seed', 'years', 'councils', 'until', 'via', 'manifest'],
    generateArgs,
  );
}

/** `generate …`: fills an empty store with a deterministic history and prints (or writes) its summary. */
export async function generateCommand(args: string[]): Promise<number> {
  const options = parseGenerateArgs(args);
  if (options === 'help') {
    process.stdout.write(`${GENERATE_USAGE}\n`);
    return 0;
  }
  if ('error' in options) {
    process.stderr.write(`${options.error}\n${GENERATE_USAGE}\n`);
    return 2;
  }
  const started = Date.now();
  const summary =
    options.via === 'direct' ? await generateDirect(options) : await generateThroughCommands(options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `Skrev ${summary.events} hendelser: ${summary.groups} grupper, ${summary.people} personer, ${summary.meetings} møter, ${summary.commitments} forpliktelser (${seconds} s)\n`,
  );
  if (options.manifest) writeFileSync(options.manifest, `${JSON.stringify(summary, null, 2)}\n`);
  else process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}

/** True if the store holds no event at all. */
export async function storeIsEmpty(store: EventStore): Promise<boolean> {
  for await (const _ of store.readAll({ maxCount: 1 })) return false;
  return true;
}

async function assertEmpty(store: EventStore): Promise<void> {
  if (!(await storeIsEmpty(store))) throw new Error('Lageret er ikke tomt (the store is not empty)');
}

/**
 * The store the direct path writes to: the one the API opens (personal fields sealed at the seam, keys beside
 * the file), over a SQLite store that writes on this thread, since many appends share one transaction on its
 * own connection (DirectSink.begin).
 */
export function openDirectStore(config: Config): EventStore {
  return createEventStore({ ...config, SQLITE_WRITER: 'inline' }).store;
}

async function generateDirect(options: GenerateOptions): Promise<Summary> {
  const store = openDirectStore(loadConfig());
  try {
    await assertEmpty(store);
    return await generate(options, new DirectSink(store, options.events, options.seed));
  } finally {
    await store.close();
  }
}

async function generateThroughCommands(options: GenerateOptions): Promise<Summary> {
  const config = loadConfig({ ...process.env, TILNESTE_EMBEDDED_WORKER: 'false' });
  const app = await NestFactory.createApplicationContext(ApplicationModule.forConfig(config), {
    logger: ['error'],
  });
  try {
    await app.get(Policies).start();
    if (app.get(ReadModelHost).catalog.position !== undefined)
      throw new Error('Lageret er ikke tomt (the store is not empty)');
    return await generate(
      options,
      new CommandSink(app.get(Application), app.get(CarryOverPolicy), options.events, options.seed),
    );
  } finally {
    await app.close();
  }
}
