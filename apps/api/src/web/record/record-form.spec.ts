import { makeCommitmentData } from '@tilneste/commitments';
import { DomainError } from '@tilneste/domain-kit';
import { en, nb } from '@tilneste/i18n';
import { scheduleMeetingData } from '@tilneste/meetings';
import {
  dateAndTime,
  formStateOf,
  formStatus,
  FormInvalid,
  localised,
  numberOrNull,
  validate,
  validateAll,
} from './record-form';

const COMMITMENT_FIELDS = {
  text: 'text',
  owner: 'ownerKind',
  'owner.personId': 'ownerPerson',
  'due.date': 'dueDate',
  due: 'dueKind',
};

const caught = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

const commitment = (over: Record<string, unknown>) => ({
  commitmentId: 'c',
  groupId: 'g',
  meetingId: 'm',
  agendaItemId: 'i',
  matterId: null,
  text: 'Lage et utkast',
  owner: { kind: 'secretariat' },
  due: { kind: 'next-meeting' },
  ...over,
});

describe('A refused form', () => {
  it('puts each zod issue of the command beside the field that holds it, in bokmål', () => {
    const error = caught(() =>
      validate(
        makeCommitmentData,
        commitment({
          text: '  ',
          owner: { kind: 'person', personId: '' },
          due: { kind: 'date', date: '2026-13-40' },
        }),
      ),
    );
    const state = formStateOf(error, 'commitment-i', { text: '  ' }, COMMITMENT_FIELDS, nb);
    expect(state).toEqual({
      form: 'commitment-i',
      values: { text: '  ' },
      errors: [
        { field: 'text', message: 'Feltet må fylles ut.' },
        { field: 'ownerPerson', message: 'Feltet må fylles ut.' },
        { field: 'dueDate', message: 'Skriv en gyldig dato (dd.mm.åååå).' },
      ],
      formError: null,
    });
    expect(formStatus(error)).toBe(400);
  });

  it('says how long a text may be, in the reader’s language', () => {
    const error = caught(() => validate(makeCommitmentData, commitment({ text: 'x'.repeat(5001) })));
    expect(formStateOf(error, 'f', {}, COMMITMENT_FIELDS, en)?.errors).toEqual([
      { field: 'text', message: 'The text is too long: at most 5000 characters.' },
    ]);
  });

  it('sends an owner kind that is no choice to the choice, and an issue with no field to the summary', () => {
    const error = caught(() => validate(makeCommitmentData, commitment({ owner: { kind: 'someone' } })));
    expect(formStateOf(error, 'f', {}, COMMITMENT_FIELDS, nb)?.errors).toEqual([
      { field: 'ownerKind', message: 'Velg et av alternativene.' },
    ]);
    expect(formStateOf(error, 'f', {}, {}, nb)).toMatchObject({
      errors: [],
      formError: 'Velg et av alternativene.',
    });
  });

  it('shows a broken rule beside its field when it names one, else above the form, in the page’s language', () => {
    const substitute = new DomainError(
      'MEETING.INVALID_SUBSTITUTE',
      'Kan ikke møte for seg selv (cannot stand in for oneself)',
      'invalid',
    );
    expect(
      formStateOf(substitute, 'attendance', {}, {}, en, { 'MEETING.INVALID_SUBSTITUTE': 'substituteFor' })
        ?.errors,
    ).toEqual([{ field: 'substituteFor', message: en.rules.MEETING.INVALID_SUBSTITUTE }]);
    // The catalogue's text, not the thrower's: this message has no English, and the English page still gets it.
    const held = new DomainError('MEETING.ALREADY_HELD', 'Møtet er allerede holdt', 'conflict');
    expect(formStateOf(held, 'hold', {}, {}, nb)).toMatchObject({
      errors: [],
      formError: nb.rules.MEETING.ALREADY_HELD,
    });
    expect(formStateOf(held, 'hold', {}, {}, en)?.formError).toBe(en.rules.MEETING.ALREADY_HELD);
    expect(en.rules.MEETING.ALREADY_HELD).not.toBe(nb.rules.MEETING.ALREADY_HELD);
    // A code the catalogue lacks keeps the old way: the part of the message in the page's language.
    const unnamed = new DomainError('SOMETHING', 'Noe gikk galt (something went wrong)', 'conflict');
    expect(formStateOf(unnamed, 'hold', {}, {}, en)?.formError).toBe('something went wrong');
    expect(formStatus(held)).toBe(409);
    const person = new DomainError('PERSON.NOT_FOUND', 'Personen p finnes ikke', 'not_found', {
      field: 'owner.personId',
    });
    expect(formStateOf(person, 'f', {}, COMMITMENT_FIELDS, nb)?.errors).toEqual([
      { field: 'ownerPerson', message: nb.record.errors.notFound },
    ]);
  });

  it('leaves what is not the form’s business to the error page: a thing that is gone, any other error', () => {
    expect(
      formStateOf(new DomainError('MEETING.NOT_FOUND', 'Møtet finnes ikke', 'not_found'), 'f', {}, {}, nb),
    ).toBeNull();
    expect(formStateOf(new Error('disk full'), 'f', {}, {}, nb)).toBeNull();
  });
});

describe('Date and time fields', () => {
  it('become wall-clock parts, or say which field is wrong and how', () => {
    const fields = { date: 'date', time: 'startTime' };
    expect(dateAndTime('2026-03-20', '09:30', fields, true)).toEqual({ date: '2026-03-20', time: '09:30' });
    expect(dateAndTime('', '', fields, true)).toEqual([
      { field: 'date', kind: 'required' },
      { field: 'startTime', kind: 'required' },
    ]);
    expect(dateAndTime('20.03.2026', '25:00', fields, true)).toEqual([
      { field: 'date', kind: 'date' },
      { field: 'startTime', kind: 'time' },
    ]);
    expect(dateAndTime('2026-03-20', '', fields, false)).toEqual({ date: '2026-03-20', time: '' });
  });

  it('replace the schema’s issue for the instant they make, and are shown with the other issues', () => {
    const error = caught(() =>
      validate(
        scheduleMeetingData,
        { meetingId: 'm', groupId: 'g', startsAt: '', title: 'x'.repeat(201) },
        [{ field: 'startTime', kind: 'time' }],
        ['startsAt'],
      ),
    ) as FormInvalid;
    const state = formStateOf(error, 'schedule', {}, { title: 'title', startsAt: 'startTime' }, nb);
    expect(state?.errors).toEqual([
      { field: 'startTime', message: 'Skriv et gyldig klokkeslett (tt:mm).' },
      { field: 'title', message: 'Teksten er for lang: høyst 200 tegn.' },
    ]);
  });
});

describe('Several commands checked as one form', () => {
  it('collects every part’s issues before anything is written', () => {
    const error = caught(() =>
      validateAll([
        () => validate(makeCommitmentData, commitment({ text: '' })),
        () => validate(makeCommitmentData, commitment({ due: { kind: 'date', date: 'x' } })),
      ]),
    ) as FormInvalid;
    expect(error.issues.map((i) => i.path.join('.'))).toEqual(['text', 'due.date']);
  });
});

describe('Small field readers', () => {
  it('read a whole number, or pass anything else on for the schema to refuse', () => {
    expect([numberOrNull(''), numberOrNull(' 4 '), numberOrNull('4.5'), numberOrNull('fire')]).toEqual([
      null,
      4,
      '4.5',
      'fire',
    ]);
  });

  it('pick the reader’s half of a bilingual rule message', () => {
    expect(localised('Møtet er avlyst (the meeting is cancelled)', 'en')).toBe('the meeting is cancelled');
    expect(localised('Møtet er avlyst (the meeting is cancelled)', 'nb')).toBe('Møtet er avlyst');
    expect(localised('Møtet er avlyst', 'en')).toBe('Møtet er avlyst');
  });
});
