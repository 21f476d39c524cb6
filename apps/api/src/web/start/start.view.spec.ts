import { Catalog } from '@tilneste/projections';
import { renderDocument } from '../shared/render';
import { testPage, testPrincipal } from '../shared/view-testing';
import { startPage } from './start.page-query';
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
});
