import { Catalog } from '@tilneste/projections';
import { renderDocument } from '../shared/render';
import { testPage, testPrincipal } from '../shared/view-testing';
import { startPage, type StartPage } from './start.page-query';
import { startView } from './start.view';

/** A catalogue with these groups (no meetings) and one person, the admin. */
function catalog(groups: { id: string; name: string; members: [string, 'chair'][] }[]): Catalog {
  const c = new Catalog();
  c.people.set('admin-1', { id: 'admin-1', name: 'Anne Admin' } as never);
  for (const g of groups)
    c.groups.set(g.id, { id: g.id, name: g.name, members: new Map(g.members), meetingIds: [] } as never);
  return c;
}

const admin = { kind: 'person', id: 'admin-1' } as const;
const now = new Date('2030-01-01T00:00:00Z');

describe('the start page (view)', () => {
  it('sends an admin on a store without groups to establish the first one', () => {
    const html = renderDocument(
      startView(
        startPage(catalog([]), admin, now, true),
        testPage('nb', '/', testPrincipal({ admin: true })),
      ),
    );
    expect(html).toContain('Det finnes ingen grupper ennå.');
    expect(html).not.toContain('Du er ikke med i noen gruppe');
    expect(html).toContain('<a class="ds-button" data-variant="primary" href="/personer#new-group">');
    expect(html).toContain('Opprett den første gruppen');
  });

  it('lists every group for an admin, member or not, with the way to establish another', () => {
    const data = startPage(
      catalog([
        { id: 'g1', name: 'Plan', members: [] },
        { id: 'g2', name: 'Vann', members: [['admin-1', 'chair']] },
      ]),
      admin,
      now,
      true,
    );
    const html = renderDocument(startView(data, testPage('en', '/', testPrincipal({ admin: true }))));
    expect(html).toContain('href="/grupper/g1"');
    expect(html).toContain('href="/grupper/g2"');
    expect(html).toContain('>Establish a new group</a>');
  });

  it('offers nothing of the kind to a person who may not establish groups', () => {
    const data = startPage(catalog([{ id: 'g1', name: 'Plan', members: [] }]), admin, now, false);
    const html = renderDocument(startView(data, testPage('nb', '/', testPrincipal({ roles: {} }))));
    expect(html).toContain('Du er ikke med i noen gruppe ennå.');
    expect(html).not.toContain('/personer#new-group');
    expect(html).not.toContain('href="/grupper/g1"');
  });

  it("links a task's text and due meeting only for a reader of its group: a working group's lead from outside it sees them plain", () => {
    const data = {
      person: { id: 'reader', name: 'Gunn Gjest' },
      allGroups: false,
      groups: [],
      upcoming: [],
      tasks: [
        {
          id: 'c1',
          text: 'Fordele arbeidet',
          groupId: 'g',
          dueAt: '2030-06-12T09:00:00+02:00',
          dueMeetingId: 'm2',
          overdue: false,
          carriedOver: 0,
          as: 'working-group-lead',
        },
      ],
      people: [],
    } as unknown as StartPage;
    const outside = renderDocument(
      startView(data, testPage('nb', '/', testPrincipal({ roles: { other: 'member' } }))),
    );
    expect(outside).toContain('Fordele arbeidet – Frist: <span>12. juni 2030</span>');
    expect(outside).not.toContain('href="/moter/m2"');
    const member = renderDocument(
      startView(data, testPage('nb', '/', testPrincipal({ roles: { g: 'member' } }))),
    );
    expect(member).toContain('<a class="ds-link" href="/moter/m2">12. juni 2030</a>');
    // The text opens the commitment's page, as it does wherever a commitment is listed; not from outside.
    expect(member).toContain('<a class="ds-link" href="/forpliktelser/c1">Fordele arbeidet</a> – Frist:');
    expect(outside).not.toContain('href="/forpliktelser/c1"');
    const admin = renderDocument(startView(data, testPage('nb', '/', testPrincipal({ admin: true }))));
    expect(admin).toContain('href="/moter/m2"');
  });
});
