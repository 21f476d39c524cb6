import { RecentlySealed } from './recently-sealed';

describe('RecentlySealed', () => {
  it('gives each plain text back once, by its sealed text', () => {
    const recent = new RecentlySealed();
    recent.remember('enc1:a', 'Eli');
    expect(recent.take('enc1:b')).toBeUndefined();
    expect(recent.take('enc1:a')).toBe('Eli');
    expect(recent.take('enc1:a')).toBeUndefined();
    expect(recent.size).toBe(0);
  });

  it('keeps at most its capacity, forgetting the oldest first', () => {
    const recent = new RecentlySealed(2);
    recent.remember('enc1:1', 'one');
    recent.remember('enc1:2', 'two');
    recent.remember('enc1:3', 'three');
    expect(recent.size).toBe(2);
    expect(recent.take('enc1:1')).toBeUndefined();
    expect(recent.take('enc1:2')).toBe('two');
    expect(recent.take('enc1:3')).toBe('three');
  });

  it('forgets everything when cleared (an erasure)', () => {
    const recent = new RecentlySealed();
    recent.remember('enc1:a', 'Eli');
    recent.clear();
    expect(recent.take('enc1:a')).toBeUndefined();
  });
});
