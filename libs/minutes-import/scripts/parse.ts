// Scoring helper: `npx tsx libs/minutes-import/scripts/parse.ts FILE` prints the draft JSON, as `minutes parse` will.
import { minutesParseCommand } from '../src/cli/parse-command';

void minutesParseCommand(process.argv[2] ?? '').then((code) => {
  process.exitCode = code;
});
