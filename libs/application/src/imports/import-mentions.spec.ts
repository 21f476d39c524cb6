import { mentionMatcher, stringsIn } from './import-mentions';

describe('finding the documents that mention a person', () => {
  const tora = mentionMatcher(['Tora Vidsyn', 'T. Vidsyn', 'tora.vidsyn@example.no', 'Ola']);

  it('matches a name, an alias or an address in any letter case', () => {
    expect(tora('Møteleder: TORA VIDSYN, Elvevik')).toBe(true);
    expect(tora('Ansvar: t. vidsyn')).toBe(true);
    expect(tora('Spørsmål til Tora.Vidsyn@Example.no.')).toBe(true);
    expect(tora('Referent: Kari Nordmann')).toBe(false);
  });

  it('matches a name broken over two lines, and in the genitive', () => {
    expect(tora('Deltakere: Tora\nVidsyn (leder)')).toBe(true);
    expect(tora('Tora Vidsyns forslag ble vedtatt')).toBe(true);
    expect(tora("Ola's notat")).toBe(true);
  });

  it('matches whole words only: a short alias does not take every longer name', () => {
    expect(tora('Olav Haugen og Nikolai Bratt')).toBe(false);
    expect(tora('Toralf Vidsynet')).toBe(false);
  });

  it('matches nothing for an erased person, or for no names at all', () => {
    expect(mentionMatcher(['slettet person', ''])('Ansvar: slettet person')).toBe(false);
    expect(mentionMatcher([])('Tora Vidsyn')).toBe(false);
  });

  it('treats a name as text, not as a pattern', () => {
    expect(mentionMatcher(['A. (B)'])('møte med A. (B) i dag')).toBe(true);
    expect(mentionMatcher(['A. (B)'])('møte med AX (B) i dag')).toBe(false);
  });

  it('reads every string of a draft, however deep', () => {
    expect(stringsIn({ a: ['x', { b: 'y', n: 3, z: null }], c: 'z' })).toEqual(['x', 'y', 'z']);
  });
});
