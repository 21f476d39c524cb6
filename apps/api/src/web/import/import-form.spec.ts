import { messagesFor } from '@tilneste/i18n';
import type { MinutesDraft } from '@tilneste/minutes-import';
import { applyReviewForm, fieldOfPath, formValues } from './import-form';

const m = messagesFor('nb');

const draft = (): MinutesDraft => ({
  kind: 'minutes',
  meeting: { date: '2025-09-09', startTime: '09:00', endTime: null, location: 'Molde', online: null },
  chair: 'Håkon Gjems',
  secretariat: [],
  previousMeetingDate: null,
  attendees: [],
  invited: [],
  agendaItems: [
    {
      number: 19,
      title: 'Fagbrev på jobb',
      decisions: ['Forumet støtter kampanjen.'],
      commitments: [
        {
          owner: 'Håkon Gjems',
          ownerKind: 'person',
          text: 'Lage et utkast',
          due: 'next-meeting',
          source: { fromLine: 19, toLine: 21 },
        },
        { owner: 'Kari Nordmann', ownerKind: 'person', text: 'Kartlegge behovet', due: '2025-10-15' },
      ],
      deferred: false,
    },
  ],
  workingGroups: [{ name: 'Arbeidsgruppe 1', lead: 'Kari Nordmann', members: [], agendaItem: 19 }],
});

/** The form as the page posts it for the draft above, with some fields changed. */
const posted = (changes: Record<string, string> = {}) => ({
  revision: '0',
  'meeting.date': '2025-09-09',
  'meeting.startTime': '09:00',
  'meeting.location': 'Molde',
  'item.0.title': 'Fagbrev på jobb',
  'item.0.decision.0.text': 'Forumet støtter kampanjen.',
  'item.0.decision.0.kind': 'approved',
  'item.0.commitment.0.text': 'Lage et utkast',
  'item.0.commitment.0.ownerKind': 'person',
  'item.0.commitment.0.owner': 'Håkon Gjems',
  'item.0.commitment.0.dueKind': 'next-meeting',
  'item.0.commitment.0.dueDate': '',
  'item.0.commitment.1.text': 'Kartlegge behovet',
  'item.0.commitment.1.ownerKind': 'person',
  'item.0.commitment.1.owner': 'Kari Nordmann',
  'item.0.commitment.1.dueKind': 'date',
  'item.0.commitment.1.dueDate': '2025-10-15',
  'wg.0.name': 'Arbeidsgruppe 1',
  'wg.0.lead': 'Kari Nordmann',
  'wg.0.members': '',
  'match.0': 'accept',
  'match.0.name': 'Håkon Gjems',
  ...changes,
});

describe('the review form', () => {
  it('changes an owner and keeps the source lines of what it did not change', () => {
    const result = applyReviewForm(draft(), posted({ 'item.0.commitment.0.owner': 'Per Hansen' }), m);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [first, second] = result.draft.agendaItems[0].commitments;
    expect(first).toMatchObject({ owner: 'Per Hansen', ownerKind: 'person', text: 'Lage et utkast' });
    expect(first.source).toEqual({ fromLine: 19, toLine: 21 });
    expect(second.due).toBe('2025-10-15');
  });

  it('gives a commitment to a working group of the draft, or says there is none of that name', () => {
    const ok = applyReviewForm(
      draft(),
      posted({
        'item.0.commitment.0.ownerKind': 'working-group',
        'item.0.commitment.0.owner': 'Arbeidsgruppe 1',
      }),
      m,
    );
    expect(ok.ok && ok.draft.agendaItems[0].commitments[0]).toMatchObject({
      ownerKind: 'body',
      workingGroup: 'Arbeidsgruppe 1',
    });
    const refused = applyReviewForm(
      draft(),
      posted({ 'item.0.commitment.0.ownerKind': 'working-group', 'item.0.commitment.0.owner': 'Gruppe X' }),
      m,
    );
    expect(refused).toEqual({
      ok: false,
      errors: [{ field: 'item.0.commitment.0.owner', message: m.importPage.errors.unknownWorkingGroup }],
    });
  });

  it('removes one commitment and adds another, each by its button', () => {
    const removed = applyReviewForm(draft(), posted({ action: 'remove-commitment:0:0' }), m);
    expect(removed.ok && removed.draft.agendaItems[0].commitments.map((c) => c.text)).toEqual([
      'Kartlegge behovet',
    ]);
    const added = applyReviewForm(
      draft(),
      posted({
        action: 'add-commitment:0',
        'new.0.text': 'Sende ut referatet',
        'new.0.ownerKind': 'secretariat',
        'new.0.owner': '',
        'new.0.dueKind': 'none',
      }),
      m,
    );
    expect(added.ok && added.draft.agendaItems[0].commitments.at(-1)).toEqual({
      owner: 'Sekretariatet',
      ownerKind: 'secretariat',
      workingGroup: null,
      text: 'Sende ut referatet',
      due: null,
    });
  });

  it('refuses blank texts and a bad date beside their fields, and applies no action then', () => {
    const result = applyReviewForm(
      draft(),
      posted({
        'item.0.commitment.0.text': ' ',
        'item.0.commitment.1.dueDate': '15.10.2025',
        action: 'remove-commitment:0:1',
      }),
      m,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'item.0.commitment.0.text', message: m.importPage.errors.textRequired },
        { field: 'item.0.commitment.1.dueDate', message: m.importPage.errors.dateFormat },
      ],
    });
  });

  it('collects the rejected name matches', () => {
    const result = applyReviewForm(
      draft(),
      posted({ 'match.0': 'reject', 'match.1': 'accept', 'match.1.name': 'Eli Bryhni' }),
      m,
    );
    expect(result.ok && result.rejectedMatches).toEqual(['Håkon Gjems']);
  });

  it('edits, adds and removes decisions and working groups', () => {
    const edited = applyReviewForm(
      draft(),
      posted({ 'item.0.decision.0.kind': 'noted', 'wg.0.members': 'A B, C D' }),
      m,
    );
    if (!edited.ok) throw new Error('refused');
    expect(edited.draft.agendaItems[0].decisionDetails).toEqual([
      { text: 'Forumet støtter kampanjen.', kind: 'noted' },
    ]);
    expect(edited.draft.workingGroups[0].members).toEqual(['A B', 'C D']);
    const removedDecision = applyReviewForm(draft(), posted({ action: 'remove-decision:0:0' }), m);
    expect(removedDecision.ok && removedDecision.draft.agendaItems[0].decisions).toEqual([]);
    const addedGroup = applyReviewForm(
      draft(),
      posted({ action: 'add-wg', 'newwg.name': 'Programkomité', 'newwg.lead': 'Per Hansen' }),
      m,
    );
    expect(addedGroup.ok && addedGroup.draft.workingGroups.map((w) => w.name)).toEqual([
      'Arbeidsgruppe 1',
      'Programkomité',
    ]);
    const removedGroup = applyReviewForm(draft(), posted({ action: 'remove-wg:0' }), m);
    expect(removedGroup.ok && removedGroup.draft.workingGroups).toEqual([]);
  });

  it('maps the draft schema’s and the import plan’s paths to form fields', () => {
    expect(fieldOfPath(['draft', 'meeting', 'date'])).toBe('meeting.date');
    expect(fieldOfPath(['agendaItems', 2, 'commitments', 1, 'due'])).toBe('item.2.commitment.1.dueDate');
    expect(fieldOfPath(['workingGroups', 0, 'lead'])).toBe('wg.0.name');
    expect(formValues({ a: ['x', 'y'], b: 'z', c: 3 })).toEqual({ a: 'x', b: 'z' });
  });
});
