import type { Catalog } from '../catalog';

/** Who recorded what: each event of the six contexts filed under its actor, by global position. */
export function evolveAuditIndex(catalog: Catalog, position: bigint, actorId: string | undefined): void {
  if (!actorId) return;
  const list = catalog.byActor.get(actorId);
  if (list) list.push(Number(position));
  else catalog.byActor.set(actorId, [Number(position)]);
}

/** The global positions of an actor's latest `limit` events, oldest first. */
export function positionsBy(catalog: Catalog, actorId: string, limit: number): number[] {
  const all = catalog.byActor.get(actorId) ?? [];
  return all.slice(Math.max(0, all.length - limit));
}
