import type * as Docx from 'docx';
import type { Document, Paragraph, TextRun } from 'docx';
import { GROUP_TIME_ZONE } from '@tilneste/groups';
import type { MinutesModel } from './minutes.model';
import { minutesNb, type MinutesMessages } from './minutes.messages';

const when = (iso: string, m: MinutesMessages, style: 'long' | 'day') =>
  new Intl.DateTimeFormat(
    m.locale,
    style === 'long'
      ? { timeZone: GROUP_TIME_ZONE, dateStyle: 'full', timeStyle: 'short' }
      : { timeZone: GROUP_TIME_ZONE, dateStyle: 'long' },
  ).format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso));

// docx is a large library that only a download needs: it is loaded then, not when the API starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const docx = (): typeof Docx => require('docx');

const labelled = (label: string, value: string) => {
  const { Paragraph, TextRun } = docx();
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
};

const bullet = (runs: TextRun[]) => new (docx().Paragraph)({ bullet: { level: 0 }, children: runs });

function place(model: MinutesModel, m: MinutesMessages): string {
  if (model.location && model.online) return `${model.location} (${m.online})`;
  return model.location ?? (model.online ? m.online : m.notGiven);
}

/** The minutes as a Word document: what was recorded, item by item, in the reader's language. */
export function minutesDocument(model: MinutesModel, now: Date, m: MinutesMessages = minutesNb): Document {
  const { AlignmentType, Document, HeadingLevel, Paragraph, TextRun } = docx();
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.title(model.title))] }),
    labelled(m.group, model.group),
    labelled(m.date, when(model.startsAt, m, 'long')),
    labelled(m.place, place(model, m)),
    labelled(m.statusLabel, m.status[model.status]),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(m.present)] }),
  ];
  if (model.attendance.length === 0) body.push(new Paragraph(m.nobodyRecorded));
  for (const a of model.attendance) {
    const notes = [
      a.remote ? m.remote : null,
      a.substituteFor ? m.substituteFor(a.substituteFor) : null,
    ].filter((n) => n !== null);
    body.push(
      bullet([
        new TextRun(a.name),
        ...(notes.length ? [new TextRun({ text: ` (${notes.join(', ')})`, italics: true })] : []),
      ]),
    );
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(m.agenda)] }));
  for (const item of model.items) {
    const title =
      item.itemId === null
        ? item.decisions.length
          ? m.otherDecisions
          : m.otherCommitments
        : m.item(item.number, item.title);
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(title)] }));
    if (item.deferred)
      body.push(new Paragraph({ children: [new TextRun({ text: m.deferredNote, italics: true })] }));
    for (const d of item.decisions) {
      body.push(
        new Paragraph({
          children: [
            new TextRun({ text: `${m.decision}: `, bold: true }),
            new TextRun(d.text),
            new TextRun({
              text: ` (${m.decisionKind[d.kind]}${d.matter ? ` – ${d.matter}` : ''})`,
              italics: true,
            }),
          ],
        }),
      );
    }
    if (item.commitments.length)
      body.push(new Paragraph({ children: [new TextRun({ text: `${m.followUp}:`, bold: true })] }));
    for (const c of item.commitments) {
      const due = c.due
        ? `${when(c.due, m, 'day')}${c.dueIsNextMeeting ? ` (${m.nextMeeting})` : ''}`
        : c.dueIsNextMeeting
          ? m.nextMeeting
          : null;
      body.push(
        bullet([
          new TextRun(c.text),
          new TextRun({
            text: ` – ${m.owner(c.owner ?? m.noOwner)}${due ? ` – ${m.due(due)}` : ''}`,
            italics: true,
          }),
        ]),
      );
    }
  }
  const deferred = model.items.filter((i) => i.deferred);
  if (deferred.length) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(m.deferred)] }));
    for (const item of deferred) body.push(bullet([new TextRun(m.item(item.number, item.title))]));
  }
  body.push(
    new Paragraph({
      alignment: AlignmentType.LEFT,
      spacing: { before: 400 },
      children: [
        new TextRun({ text: m.generated(when(now.toISOString(), m, 'long')), italics: true, size: 18 }),
      ],
    }),
  );
  return new Document({
    creator: 'Tilneste',
    title: m.title(model.title),
    description: model.group,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: body }],
  });
}

export const minutesDocx = (
  model: MinutesModel,
  now: Date,
  m: MinutesMessages = minutesNb,
): Promise<Buffer> => docx().Packer.toBuffer(minutesDocument(model, now, m));
