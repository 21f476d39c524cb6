import { council } from '../../../../../libs/projections/testing/history';
import { recorder, wordDiff } from './matter.page-query';

describe('a text change', () => {
  it('is split into words kept, removed and added', () => {
    expect(wordDiff('Utkastet sendes til KG', 'Utkastet sendes til styret')).toEqual([
      { kind: 'same', text: 'Utkastet sendes til ' },
      { kind: 'removed', text: 'KG' },
      { kind: 'added', text: 'styret' },
    ]);
  });

  it('reads back as the new text without the removed words, and as the old one (up to spacing) without the added', () => {
    const changes = wordDiff(
      'Faggruppen legger fram et utkast',
      'Faggruppen legger fram et revidert utkast i dag',
    );
    const read = (skip: string) =>
      changes
        .filter((c) => c.kind !== skip)
        .map((c) => c.text)
        .join('');
    expect(read('removed')).toBe('Faggruppen legger fram et revidert utkast i dag');
    expect(read('added').replace(/\s+/g, ' ').trim()).toBe('Faggruppen legger fram et utkast');
  });
});

describe('who recorded something', () => {
  it('is named as the person who remains once their record was merged into another', () => {
    const { catalog, apply } = council();
    apply('person-kari', 'PersonMerged', { personId: 'kari', intoPersonId: 'ola', name: 'Kari' });
    expect(recorder(catalog, { kind: 'person', id: 'kari' })).toEqual({
      kind: 'person',
      id: 'ola',
      name: 'Ola',
    });
    expect(recorder(catalog, { kind: 'person', id: 'siri' })).toEqual({
      kind: 'person',
      id: 'siri',
      name: 'Siri',
    });
    expect(recorder(catalog, { kind: 'client', id: 'admin' })).toEqual({
      kind: 'client',
      id: 'admin',
      name: null,
    });
  });
});
