import type * as Docx from 'docx';
import type { Messages } from '@tilneste/i18n';
import {
  agendaTitle,
  nextAgenda,
  type AgendaWording,
  type AgendaWords,
  type Catalog,
} from '@tilneste/projections';
import { formatSpan } from '../shared/format';

/** The notice of one meeting ("innkalling"): when, where, and the draft agenda as the agenda page shows it. */
export interface NoticeModel {
  meetingId: string;
  group: string;
  title: string | null;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  online: boolean | null;
  /** `title` in the words given; `wording` for a page that marks what people typed in it. */
  items: { number: number; title: string; wording: AgendaWording }[];
}

/** `words` are the reader's: the notice is written in the language of the page it is asked from. */
export function noticeModel(
  catalog: Catalog,
  meetingId: string,
  words: AgendaWords,
): NoticeModel | undefined {
  const meeting = catalog.meetings.get(meetingId);
  if (!meeting || meeting.status === 'cancelled') return undefined;
  const agenda = nextAgenda(catalog, meeting.groupId, meeting);
  return {
    meetingId,
    group: catalog.groups.get(meeting.groupId)?.name ?? '',
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    online: meeting.online,
    items: agenda.items.map((i) => ({
      number: i.number,
      title: agendaTitle(i.wording, words),
      wording: i.wording,
    })),
  };
}

export function whenText(model: NoticeModel, m: Messages): string {
  return formatSpan(model.startsAt, model.endsAt, m);
}

function whereText(model: NoticeModel, m: Messages): string {
  const n = m.record.notice;
  const parts = [model.location, model.online ? n.online : null].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : n.notGiven;
}

/** The notice as plain text, to paste into an e-mail: no markup, one numbered line per item. */
export function noticeText(model: NoticeModel, m: Messages): string {
  const n = m.record.notice;
  return [
    n.heading(model.group),
    ...(model.title ? [model.title] : []),
    '',
    `${n.when}: ${whenText(model, m)}`,
    `${n.where}: ${whereText(model, m)}`,
    '',
    n.greeting,
    '',
    `${n.agenda}:`,
    ...model.items.map((i) => `${i.number}. ${i.title}`),
    '',
    n.closing,
  ].join('\n');
}

// docx is a large library that only a download needs: it is loaded then, not when the API starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const docx = (): typeof Docx => require('docx');

/** The same notice as a Word document. */
export function noticeDocx(model: NoticeModel, m: Messages): Promise<Buffer> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = docx();
  const n = m.record.notice;
  const labelled = (label: string, value: string) =>
    new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
  const doc = new Document({
    creator: 'Tilneste',
    title: n.heading(model.group),
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(n.heading(model.group))] }),
          ...(model.title
            ? [new Paragraph({ children: [new TextRun({ text: model.title, bold: true })] })]
            : []),
          labelled(n.when, whenText(model, m)),
          labelled(n.where, whereText(model, m)),
          new Paragraph(n.greeting),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(n.agenda)] }),
          ...model.items.map((i) => new Paragraph({ children: [new TextRun(`${i.number}. ${i.title}`)] })),
          new Paragraph({ spacing: { before: 400 }, children: [new TextRun(n.closing)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
