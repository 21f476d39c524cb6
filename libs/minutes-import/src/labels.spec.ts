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

  it("reads an abbreviated label with its full stop and a notice's addressees", () => {
    expect(readLabel('Kl.: 10.00 – 14.00')).toEqual({ kind: 'time', label: 'kl', value: '10.00 – 14.00' });
    expect(readLabel('Til: Siv Nordbø (Tokke kommune)')).toMatchObject({
      kind: 'invited',
      value: 'Siv Nordbø (Tokke kommune)',
    });
    expect(readLabel('Kopi: Terje Aasland')).toBeNull();
    expect(readLabel('Til neste møte: lese notatet')).toMatchObject({ kind: 'nextMeeting' });
  });
});
