import type { CommitmentEvent, Owner } from '@tilneste/commitments';
import type { Catalog } from '../catalog';
import type { ContextEvent } from '../entities/entities.projection';

/** The bucket a task list looks in for a commitment with this owner; one with no owner is in none. */
export function ownerKey(owner: Owner, groupId: string): string | undefined {
  switch (owner.kind) {
    case 'person':
      return `person:${owner.personId}`;
    case 'working-group':
      return `working-group:${owner.workingGroupId}`;
    case 'secretariat':
      return `secretariat:${groupId}`;
    case 'none':
      return undefined;
  }
}

function file(catalog: Catalog, commitmentId: string, key: string | undefined): void {
  if (key === undefined) return;
  let bucket = catalog.openByOwner.get(key);
  if (!bucket) catalog.openByOwner.set(key, (bucket = new Set()));
  bucket.add(commitmentId);
  catalog.openKeyOf.set(commitmentId, key);
}

function unfile(catalog: Catalog, commitmentId: string): void {
  const key = catalog.openKeyOf.get(commitmentId);
  if (key === undefined) return;
  catalog.openByOwner.get(key)?.delete(commitmentId);
  catalog.openKeyOf.delete(commitmentId);
}

/**
 * The task lists' index: open commitments filed under who answers for them, and the order they were made
 * in. Applied before the entities, so "still open" means open before this event.
 */
export function evolveTasks(catalog: Catalog, event: ContextEvent): void {
  const commitment = event as CommitmentEvent;
  switch (commitment.type) {
    case 'CommitmentMade': {
      const { data } = commitment;
      // Made twice (never by the decider): it keeps its place, and its bucket moves with it.
      unfile(catalog, data.commitmentId);
      if (!catalog.madeOrder.has(data.commitmentId))
        catalog.madeOrder.set(data.commitmentId, catalog.madeOrder.size);
      file(catalog, data.commitmentId, ownerKey(data.owner, data.groupId));
      return;
    }
    case 'CommitmentReassigned': {
      const { commitmentId, owner } = commitment.data;
      const current = catalog.commitments.get(commitmentId);
      if (current?.status !== 'open') return;
      unfile(catalog, commitmentId);
      file(catalog, commitmentId, ownerKey(owner, current.groupId));
      return;
    }
    case 'CommitmentCompleted':
    case 'CommitmentWithdrawn':
      unfile(catalog, commitment.data.commitmentId);
      return;
    default:
      return;
  }
}
