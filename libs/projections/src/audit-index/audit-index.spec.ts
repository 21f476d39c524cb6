import { commitment, council } from '../../testing/history';
import { positionsBy } from './audit-index.projection';

describe('The audit index', () => {
  it('files every event under the actor who recorded it, and answers the latest ones oldest first', () => {
    const { catalog, apply } = council();
    const before = catalog.byActor.get('sekretær')?.length ?? 0;
    apply('commitment-c1', 'CommitmentMade', commitment('c1', { kind: 'none' }), undefined, 'kari');
    apply(
      'commitment-c1',
      'CommitmentProgressReported',
      { commitmentId: 'c1', text: 'Påbegynt' },
      undefined,
      'kari',
    );
    apply('commitment-c1', 'CommitmentCompleted', { commitmentId: 'c1', note: null }, undefined, 'ola');
    const position = Number(catalog.position);
    expect(catalog.byActor.get('kari')).toEqual([position - 2, position - 1]);
    expect(positionsBy(catalog, 'kari', 1)).toEqual([position - 1]);
    expect(positionsBy(catalog, 'ola', 10)).toEqual([position]);
    expect(catalog.byActor.get('sekretær')?.length).toBe(before);
    expect(positionsBy(catalog, 'nobody', 10)).toEqual([]);
  });
});
