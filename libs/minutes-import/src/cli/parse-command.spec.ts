import { join } from 'node:path';
import { minutesDraftSchema } from '../draft.schema';
import { EXIT, minutesParseCommand } from './parse-command';

const capture = () => {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  };
  return { out, io };
};

describe('minutes parse command', () => {
  // The parse runs in a child process (from TypeScript, through tsx): more than jest's default 5 s on a busy machine.
  it('prints only the draft JSON on stdout and returns 0', async () => {
    const { out, io } = capture();
    const code = await minutesParseCommand(
      join(__dirname, '../../fixtures/synthetic/101_bullets_helse.txt'),
      io,
    );
    expect(code).toBe(EXIT.ok);
    const draft = minutesDraftSchema.parse(JSON.parse(out.stdout));
    expect(draft.fileName).toBe('101_bullets_helse.txt');
    expect(draft.agendaItems).toHaveLength(6);
  }, 60_000);

  it('refuses an unsupported or missing file on stderr, with nothing on stdout', async () => {
    for (const file of ['referat.pdf', join(__dirname, 'finnes-ikke.txt')]) {
      const { out, io } = capture();
      expect(await minutesParseCommand(file, io)).toBe(EXIT.refused);
      expect(out.stdout).toBe('');
      expect(out.stderr).not.toBe('');
    }
  });

  it('explains its usage when no file is given', async () => {
    const { out, io } = capture();
    expect(await minutesParseCommand('', io)).toBe(EXIT.usage);
    expect(out.stderr).toMatch(/minutes parse/);
  });
});
