import { decide, type Action, type GroupRole, type Principal, type Resource } from './access.policy';

const G = 'g-1';
const OTHER = 'g-2';
const ME = 'p-me';

const person = (role: GroupRole | null, extra: Partial<Principal> = {}): Principal => ({
  actor: { kind: 'person', id: ME },
  admin: false,
  readsAll: false,
  personId: ME,
  roles: new Map(role ? [[G, role]] : []),
  ...extra,
});
const principals: Record<string, Principal> = {
  admin: {
    actor: { kind: 'client', id: 'admin' },
    admin: true,
    readsAll: false,
    personId: null,
    roles: new Map(),
  },
  reader: {
    actor: { kind: 'client', id: 'reader' },
    admin: false,
    readsAll: true,
    personId: null,
    roles: new Map(),
  },
  secretariat: person('secretariat'),
  chair: person('chair'),
  member: person('member'),
  observer: person('observer'),
  outsider: person(null, { roles: new Map([[OTHER, 'secretariat']]) }),
};

const group: Resource = { kind: 'group', groupId: G };
const mine: Resource = { kind: 'commitment', groupId: G, answerers: [ME] };
const theirs: Resource = { kind: 'commitment', groupId: G, answerers: ['p-someone'] };
const ledByMe: Resource = { kind: 'working-group', groupId: G, leadPersonId: ME };
const ledByOther: Resource = { kind: 'working-group', groupId: G, leadPersonId: 'p-someone' };
const leaderless: Resource = { kind: 'working-group', groupId: G, leadPersonId: null };
const colleague: Resource = { kind: 'person', personId: 'p-colleague', groupIds: [G] };
const myself: Resource = { kind: 'person', personId: ME, groupIds: [G] };

type Row = [Action, Resource, string];
// Each row: action, resource, and the verdict per principal in the column order below (y = allow, n = deny).
const columns = ['admin', 'reader', 'secretariat', 'chair', 'member', 'observer', 'outsider'] as const;
const table: Row[] = [
  ['group.read', group, 'y y y y y y n'],
  ['group.record', group, 'y n y n n n n'],
  ['group.manage', group, 'y n y n n n n'],
  ['agenda.edit', group, 'y n y y n n n'],
  ['commitment.answer', mine, 'y n y y y y y'],
  ['commitment.answer', theirs, 'y n y n n n n'],
  ['group.record', theirs, 'y n y n n n n'],
  ['group.read', ledByMe, 'y y y y y y y'],
  ['group.read', ledByOther, 'y y y y y y n'],
  ['working-group.report', ledByMe, 'y n y y y y y'],
  ['working-group.report', ledByOther, 'y n y n n n n'],
  ['working-group.report', leaderless, 'y n y n n n n'],
  ['person.read', colleague, 'y y y y y y n'],
  ['person.read', myself, 'y y y y y y y'],
  ['person.edit', colleague, 'y n y n n n n'],
  ['person.edit', myself, 'y n y y y y y'],
  ['person.export', colleague, 'y n n n n n n'],
  ['person.export', myself, 'y n y y y y y'],
  ['person.register', { kind: 'system' }, 'y n y n n n y'],
  ['import.parse', { kind: 'system' }, 'y n y n n n y'],
  ['system.read', { kind: 'system' }, 'y y n n n n n'],
  ['system.admin', { kind: 'system' }, 'y n n n n n n'],
  ['account.use', { kind: 'own-account' }, 'n n y y y y y'],
  ['start.read', { kind: 'own-account' }, 'y y y y y y y'],
  ['group.read', { kind: 'unknown' }, 'y y n n n n n'],
];

describe('access policy: role × action', () => {
  describe.each(table)('%s on %j', (action, resource, verdicts) => {
    const expected = verdicts.split(' ');
    it.each(columns.map((who, i) => [who, expected[i]] as const))('%s → %s', (who, verdict) => {
      const decision = decide(principals[who], action, resource as never);
      expect(decision.allow).toBe(verdict === 'y');
      if (!decision.allow) expect(decision.reason).toMatch(/\(.+\)/);
    });
  });

  it('lets the person named on a commitment answer it even without a role in its group', () => {
    expect(decide(person(null), 'commitment.answer', mine)).toEqual({ allow: true });
    expect(decide(person(null), 'group.read', group).allow).toBe(false);
  });

  it('gives a person granted admin everything, like the admin token', () => {
    const granted = person('observer', { admin: true });
    expect(decide(granted, 'system.admin', { kind: 'system' })).toEqual({ allow: true });
    expect(decide(granted, 'group.record', { kind: 'group', groupId: OTHER })).toEqual({ allow: true });
  });

  it('denies someone with neither a token right nor a person', () => {
    const nobody: Principal = {
      actor: { kind: 'client', id: 'x' },
      admin: false,
      readsAll: false,
      personId: null,
      roles: new Map(),
    };
    expect(decide(nobody, 'group.read', group).allow).toBe(false);
  });
});
