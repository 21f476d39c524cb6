import { readLabel } from './labels';

describe('label lines', () => {
  it.each([
    ['Følgende faste medlemmer møtte:', 'present'],
    ['Følgende varamedlemmer møtte:', 'present'],
    ['Følgjande medlemmer møtte:', 'present'],
    ['Følgende medlemmer hadde forfall:', 'absent'],
    ['The following members sent apologies:', 'absent'],
  ])('reads the roll-call heading "%s"', (text, kind) => {
    expect(readLabel(text)).toMatchObject({ kind, value: '' });
  });

  it('leaves a roll-call sentence without its colon, and one saying who did not come, alone', () => {
    expect(readLabel('Følgende faste medlemmer møtte')).toBeNull();
    expect(readLabel('Følgende medlemmer møtte ikke:')).toBeNull();
  });
});
