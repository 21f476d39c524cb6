import type { Catalog } from '../catalog';

export function matterHistory(catalog: Catalog, id: string) {
  const matter = catalog.matters.get(id);
  if (!matter) return undefined;
  const commitments = (catalog.commitmentsOfMatter.get(id) ?? [])
    .flatMap((commitmentId) => catalog.commitments.get(commitmentId) ?? [])
    .map((c) => ({
      at: c.madeAt,
      type: 'CommitmentMade',
      meetingId: c.meetingId,
      text: c.text,
      previousText: null,
      actor: c.madeBy,
      source: c.source ?? null,
      commitmentId: c.id,
    }));
  const timeline = [...(catalog.timelines.get(id) ?? []), ...commitments].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  return { id: matter.id, groupId: matter.groupId, title: matter.title, status: matter.status, timeline };
}
