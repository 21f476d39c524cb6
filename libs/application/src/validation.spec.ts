import { z } from 'zod';
import {
  completeCommitmentData,
  makeCommitmentData,
  reassignCommitmentData,
  withdrawCommitmentData,
} from '@tilneste/commitments';
import { parseInput, ValidationError } from './validation';

const MEETING = '0b6c6f52-2c1e-4a9e-8a52-1d3c5e7f9a01';
const made = {
  commitmentId: 'c-1',
  groupId: 'g-1',
  meetingId: MEETING,
  agendaItemId: null,
  matterId: null,
  text: 'Utarbeide et notat om budsjett for neste år',
  owner: { kind: 'person', personId: 'p-1' },
  due: { kind: 'next-meeting' },
};

/** What zod's own parse answers: the value, or the issues as parseInput reports them. */
function zodAnswer(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (result.success) return { value: result.data };
  return {
    issues: result.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
      code: i.code,
    })),
  };
}

function parseInputAnswer(schema: z.ZodType, input: unknown): unknown {
  try {
    return { value: parseInput(schema, input) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { issues: error.issues };
  }
}

const cases: [string, z.ZodType, unknown][] = [
  ['a commitment', makeCommitmentData, made],
  ['text and ids with spaces around', makeCommitmentData, { ...made, text: '  Notat  ', matterId: ' m-1 ' }],
  ['optional ids left out', makeCommitmentData, { ...made, agendaItemId: undefined, matterId: undefined }],
  [
    'due at a meeting and on a date',
    makeCommitmentData,
    { ...made, due: { kind: 'date', date: '2030-01-31' } },
  ],
  ['blank text', makeCommitmentData, { ...made, text: '   ' }],
  ['a field too many', makeCommitmentData, { ...made, colour: 'red' }],
  ['an owner of no known kind', makeCommitmentData, { ...made, owner: { kind: 'robot' } }],
  ['a date that is no date', makeCommitmentData, { ...made, due: { kind: 'date', date: '2030-02-30x' } }],
  ['no id', makeCommitmentData, { ...made, commitmentId: '' }],
  ['not an object', makeCommitmentData, 'MakeCommitment'],
  ['a completion with a note', completeCommitmentData, { commitmentId: 'c-1', note: ' Gjort ' }],
  ['a completion without a note', completeCommitmentData, { commitmentId: 'c-1', note: null }],
  ['a note too long', completeCommitmentData, { commitmentId: 'c-1', note: 'x'.repeat(2001) }],
  ['a note that is a number', completeCommitmentData, { commitmentId: 'c-1', note: 42 }],
  ['a new owner', reassignCommitmentData, { commitmentId: 'c-1', owner: { kind: 'secretariat' } }],
  ['a withdrawal', withdrawCommitmentData, { commitmentId: 'c-1', reason: '' }],
];

describe('parseInput', () => {
  it.each(cases)('answers %s as zod does, the first time and every time after', (_name, schema, input) => {
    const expected = zodAnswer(schema, input);
    // The first input is parsed by zod itself, later ones through the parser zod generates for the schema.
    for (let i = 0; i < 3; i++) expect(parseInputAnswer(schema, input)).toEqual(expected);
  });

  it('answers a schema made for one input as zod does', () => {
    for (let limit = 1; limit <= 3; limit++) {
      const schema = z.object({ limit: z.coerce.number().int().max(limit) });
      expect(parseInputAnswer(schema, { limit: '2' })).toEqual(zodAnswer(schema, { limit: '2' }));
    }
  });
});
