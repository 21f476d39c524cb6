import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { minutesDocx, minutesPdf } from '../../libs/minutes-import/testing/documents';
import { adversarialText, heavyDocx } from './support/hostile-documents';
import { ApiProcess, TOKEN } from './support/server';

jest.setTimeout(240_000);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const dir = mkdtempSync(join(tmpdir(), 'tilneste-import-files-'));
const api = new ApiProcess(join(dir, 'files.db'));

beforeAll(() => api.start());
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked field by field
type Reply = { status: number; body: any };

async function send(body: RequestInit['body'], headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${api.url}/imports/minutes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    body,
  });
  return { status: res.status, body: await res.json() };
}

const form = (bytes: Buffer, name: string, type: string) => {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return data;
};

const PAGE_ONE = [
  'REFERAT FRA MØTE I NÆRINGSFORUM',
  'Dato: 18.11.2025, kl. 08.30–11.00',
  'Sted: Hønefoss, Ringerike rådhus',
  '',
  'Til stede: Vibeke Stai, Ringerike kommune (møteleder); Frode Løken, Jevnaker kommune',
  'Referent: Ole Martin Syversen',
  '',
  'Sak 30/25 Godkjenning av innkalling',
  'Innkallingen ble godkjent.',
];
const PAGE_TWO = [
  'Sak 31/25 Etablererkontor på Hadeland',
  'Frode Løken utarbeider et kostnadsoverslag til neste møte.',
  '',
  'Sak 32/25 Eventuelt',
  'Ingen saker.',
];

describe('minutes as PDF and .docx over HTTP', () => {
  it('reads a PDF sent as multipart/form-data in reading order, without its running header and footer', async () => {
    const pdf = await minutesPdf([PAGE_ONE, PAGE_TWO], {
      left: 'Ringerike samarbeidsråd',
      right: 'Møtereferat',
    });
    const reply = await send(form(pdf, 'referat.pdf', 'application/pdf'));
    expect(reply.status).toBe(200);
    const draft = reply.body.draft;
    expect(draft.fileName).toBe('referat.pdf');
    expect(draft.meeting).toMatchObject({ date: '2025-11-18', startTime: '08:30', endTime: '11:00' });
    expect(draft.agendaItems.map((i: { number: number }) => i.number)).toEqual([30, 31, 32]);
    expect(draft.agendaItems[1].commitments).toEqual([
      expect.objectContaining({ owner: 'Frode Løken', due: 'next-meeting' }),
    ]);
    const everything = JSON.stringify(draft);
    expect(everything).not.toMatch(/Side \d av \d|Møtereferat|Ringerike samarbeidsråd/);

    // The same PDF sent as itself is the same import: the id is the hash of the text read from it.
    const raw = await send(new Uint8Array(pdf), { 'content-type': 'application/pdf' });
    expect(raw.status).toBe(200);
    expect(raw.body.id).toBe(reply.body.id);
  });

  it('reads a .docx sent as its own content type and as a form upload', async () => {
    const docx = await minutesDocx([...PAGE_ONE, ...PAGE_TWO].filter(Boolean));
    const raw = await send(new Uint8Array(docx), { 'content-type': DOCX });
    expect(raw.status).toBe(200);
    expect(raw.body.draft.agendaItems).toHaveLength(3);
    expect(raw.body.draft.attendees.map((a: { name: string }) => a.name)).toEqual([
      'Vibeke Stai',
      'Frode Løken',
    ]);
    const viaForm = await send(form(docx, 'referat.docx', 'application/octet-stream'));
    expect(viaForm.status).toBe(200);
    expect(viaForm.body.id).toBe(raw.body.id);
  });

  it('refuses a zip bomb, a file over 5 MB, a form without a file and a type it cannot read', async () => {
    const bomb = await send(form(await minutesDocx(['Referat'], 60 * 1024 * 1024), 'bombe.docx', DOCX));
    expect(bomb.status).toBe(413);
    expect(bomb.body.error.code).toBe('MINUTES.DOCX_TOO_LARGE');
    const big = await send(form(Buffer.alloc(6 * 1024 * 1024, 0x41), 'stor.pdf', 'application/pdf'));
    expect(big.status).toBe(413);
    const empty = new FormData();
    empty.append('note', 'ingen fil');
    const noFile = await send(empty);
    expect(noFile.status).toBe(415);
    const image = await send(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { 'content-type': 'image/png' });
    expect(image.status).toBe(415);
    expect(image.body.error.code).toMatch(/UNSUPPORTED/);
    const notPdf = await send(form(Buffer.from('dette er ingen pdf'), 'x.pdf', 'application/pdf'));
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.error.code).toBe('MINUTES.PDF_UNREADABLE');
  });
});

describe('the API while it reads hostile documents', () => {
  // How fast /api/health answers under load belongs to the benchmarks; what is checked here is that it keeps
  // answering while a document is being read at all, which a parse on the event loop would prevent.
  it('keeps answering /api/health while it reads a 5 MB adversarial text and a .docx near the unpacked limit', async () => {
    const text = adversarialText(5 * 1024 * 1024 - 1024);
    const docx = await heavyDocx();
    expect(docx.length).toBeLessThan(5 * 1024 * 1024);

    let polling = true;
    const answeredAt: number[] = [];
    const poller = (async () => {
      while (polling) {
        const res = await fetch(`${api.url}/health`);
        await res.arrayBuffer();
        expect(res.status).toBe(200);
        answeredAt.push(performance.now());
        await sleep(10);
      }
    })();
    await sleep(200);
    const during = async (body: RequestInit['body'], headers: Record<string, string>) => {
      const started = performance.now();
      const reply = await send(body, headers);
      const ended = performance.now();
      return { reply, answered: answeredAt.filter((t) => t > started && t < ended).length };
    };
    const textRun = await during(text, { 'content-type': 'text/plain; charset=utf-8' });
    const docxRun = await during(new Uint8Array(docx), { 'content-type': DOCX });
    polling = false;
    await poller;

    // Read to the end within the time limit (no super-linear regex), or refused with a 4xx: never a 500.
    expect(textRun.reply.status).toBe(200);
    expect(textRun.reply.body.draft.meeting.date).toBe('2025-03-12');
    expect([200, 413, 422]).toContain(docxRun.reply.status);
    // A blocked event loop answers at most the one health request already in flight before the upload's reply.
    expect(textRun.answered).toBeGreaterThanOrEqual(3);
    expect(docxRun.answered).toBeGreaterThanOrEqual(3);
  });
});
