import { z } from 'zod';

/** A short confirmation, bokmål with English in brackets. */
export const messageResponse = z.object({ message: z.string() });

/** `GET /me`. */
export const meResponse = z.object({
  personId: z.string(),
  name: z.string(),
  roles: z.array(
    z.object({ groupId: z.string(), role: z.enum(['secretariat', 'chair', 'member', 'observer']) }),
  ),
  admin: z.boolean(),
  /** Send as `X-CSRF-Token` with every write made with the session cookie; null with a bearer token. */
  csrfToken: z.string().nullable(),
});

/** `POST /me/tokens`: the only time the token is shown. */
export const createdTokenResponse = z.object({ id: z.string(), token: z.string() });

/** `GET /me/tokens`: never the secret. */
export const tokensResponse = z.object({
  tokens: z.array(
    z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() }),
  ),
});

/** `PUT /people/:id/admin`. */
export const adminResponse = z.object({ id: z.string(), admin: z.boolean() });

/** `GET /people/:id/export`: the person, memberships, tasks, commitments and every event about or by them. */
export const personExportResponse = z.object({
  exportedAt: z.string(),
  person: z.record(z.string(), z.unknown()),
  memberships: z.array(z.object({ groupId: z.string(), role: z.string() })),
  admin: z.boolean(),
  personalTokens: tokensResponse.shape.tokens,
  tasks: z.array(z.record(z.string(), z.unknown())),
  commitmentsOwned: z.array(z.record(z.string(), z.unknown())),
  workingGroupsLed: z.array(z.record(z.string(), z.unknown())),
  attendance: z.array(z.record(z.string(), z.unknown())),
  events: z.object({ aboutThem: z.array(z.unknown()), byThem: z.array(z.unknown()) }),
});
