import type Database from 'better-sqlite3';
import { commandPath, commandsPerSecond } from '../lib/command-path';
import { openRaw, rawInsertsUntil } from '../lib/raw-sqlite';

/** Single-row insert transactions/s, one after another. */
function rawInserts(db: Database.Database, windowMs: number): number {
  const started = performance.now();
  const rows = rawInsertsUntil(db, started + windowMs);
  return rows / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const [oursPath, rawPath, windowText, runsText] = process.argv.slice(2);
  const [windowMs, runs] = [Number(windowText), Number(runsText)];
  const { context, app, target } = await commandPath(oursPath);
  const raw = openRaw(rawPath);
  await commandsPerSecond(app, target, 1, Math.min(500, windowMs));
  rawInserts(raw, Math.min(500, windowMs));
  const ours: number[] = [];
  const baseline: number[] = [];
  // Interleaved, so a slow moment of the machine falls on both.
  for (let i = 0; i < runs; i++) {
    ours.push(await commandsPerSecond(app, target, 1, windowMs));
    baseline.push(rawInserts(raw, windowMs));
  }
  raw.close();
  await context.close();
  process.stdout.write(`${JSON.stringify({ ours, baseline })}\n`);
}

void main();
