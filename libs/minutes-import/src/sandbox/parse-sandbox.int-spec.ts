import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { parseInSandbox, SANDBOX_NICE } from './parse-sandbox';

// The parser's child process as the operating system sees it while it reads a document: at a lower priority than
// the process that asked, but not the lowest.
jest.setTimeout(60_000);

/** The pids of this process's children whose command line names the parser's child script. */
const parserChildren = (): number[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return ppid === process.pid && cmdline.includes('parse-child') ? [Number(pid)] : [];
      } catch {
        return []; // gone meanwhile
      }
    });

// Linux only, as CI is: the children are found through /proc.
describe('the parser child', () => {
  it(`runs at niceness ${SANDBOX_NICE}, below the caller's and above the lowest`, async () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) =>
        `Sak ${i + 1}/25 Tiltak ${i + 1}\nVedtak: Faggruppen tar orienteringen om tiltak ${i + 1} til etterretning.`,
    );
    const text = `Referat fra møte i Faggruppe for helse\nDato: 3.2.2026, kl. 13.00 – 15.00\n\n${lines.join('\n\n')}\n`;
    const parsing = parseInSandbox({ kind: 'text', data: text, fileName: null });
    const seen: number[] = [];
    const deadline = Date.now() + 20_000;
    while (seen.length === 0 && Date.now() < deadline) {
      for (const pid of parserChildren()) {
        try {
          seen.push(getPriority(pid));
        } catch {
          // ended between the listing and the look
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const outcome = await parsing;
    expect(outcome.draft.agendaItems.length).toBeGreaterThan(100);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((nice) => nice === SANDBOX_NICE)).toBe(true);
    expect(SANDBOX_NICE).toBeGreaterThan(getPriority(process.pid));
    expect(SANDBOX_NICE).toBeLessThan(19);
  });
});
