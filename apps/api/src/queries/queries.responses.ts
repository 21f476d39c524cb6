import { z } from 'zod';
import {
  actorResponse,
  apiOwnerResponse,
  importSourceResponse,
  meetingSummaryResponse,
  personRefResponse,
  taskResponse,
} from '../http/responses';

/** `GET /people/:id/tasks`. */
export const tasksResponse = z.object({
  personId: z.string(),
  tasks: z.array(taskResponse.extend({ as: z.enum(['owner', 'working-group-lead', 'secretariat']) })),
  /** Pass as `cursor` for the next page (with `limit`); null on the last page. */
  nextCursor: z.string().nullable().optional(),
});
export type TasksResponse = z.infer<typeof tasksResponse>;

/** `GET /groups/:id/dashboard`. */
export const dashboardResponse = z.object({
  groupId: z.string(),
  nextMeeting: meetingSummaryResponse.nullable(),
  /** Meetings known only from a notice, still scheduled though a later meeting was held: never closed. */
  notClosedMeetings: z.array(meetingSummaryResponse),
  open: z.number().int(),
  overdue: z.number().int(),
  carriedOver: z.number().int(),
  byOwner: z.array(
    z.object({
      owner: apiOwnerResponse,
      name: z.string().nullable(),
      open: z.number().int(),
      overdue: z.number().int(),
      carriedOver: z.number().int(),
      commitments: z.array(taskResponse),
    }),
  ),
  workingGroups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lead: personRefResponse.nullable(),
      status: z.enum(['not-started', 'active', 'done']),
      statusText: z.string().nullable(),
      open: z.number().int(),
      done: z.number().int(),
    }),
  ),
  deferredItems: z.array(
    z.object({
      meetingId: z.string(),
      itemId: z.string(),
      number: z.number().nullable(),
      title: z.string(),
      kind: z.string(),
    }),
  ),
  unowned: z.array(taskResponse),
  peopleWithoutEmail: z.array(z.object({ id: z.string(), name: z.string() })),
  history: z.array(
    z.object({
      meetingId: z.string(),
      startsAt: z.string(),
      open: z.number().int(),
      closed: z.number().int(),
    }),
  ),
  reminders: z.object({
    sent: z.number().int(),
    failed: z.number().int(),
    pending: z.number().int(),
    needsAttention: z.number().int(),
  }),
  cannotRemind: z.array(z.object({ id: z.string(), name: z.string(), reason: z.literal('no-email') })),
});
export type DashboardResponse = z.infer<typeof dashboardResponse>;

/** `GET /groups/:id/next-agenda`: `source` says where an item comes from (standard, deferred, a report, a follow-up). */
export const nextAgendaResponse = z.object({
  groupId: z.string(),
  meetingId: z.string().nullable(),
  meeting: meetingSummaryResponse.nullable(),
  items: z.array(
    z.object({
      number: z.number().int(),
      title: z.string(),
      kind: z.string(),
      source: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type NextAgendaResponse = z.infer<typeof nextAgendaResponse>;

/** `GET /working-groups/:id`. */
export const workingGroupResponse = z.object({
  id: z.string(),
  groupId: z.string(),
  name: z.string(),
  mandate: z.string().nullable(),
  lead: personRefResponse.nullable(),
  members: z.array(personRefResponse),
  status: z.enum(['not-started', 'active', 'done']),
  statusText: z.string().nullable(),
  statusReportedAt: z.string().nullable(),
  /** Every status report, newest first (the first is `status`/`statusText`). */
  reports: z.array(
    z.object({
      status: z.enum(['not-started', 'active', 'done']),
      text: z.string().nullable(),
      at: z.string(),
    }),
  ),
  dissolved: z.boolean(),
  open: z.array(taskResponse),
  done: z.array(taskResponse),
});
export type WorkingGroupResponse = z.infer<typeof workingGroupResponse>;

/** `GET /matters/:id/history`: a timeline across meetings; `actor` is who recorded each entry. */
export const matterHistoryResponse = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  status: z.enum(['open', 'closed']),
  timeline: z.array(
    z.object({
      at: z.string(),
      type: z.string(),
      meetingId: z.string().nullable(),
      text: z.string().nullable(),
      previousText: z.string().nullable(),
      actor: actorResponse.nullable(),
      /** The imported document and line this entry was read from, when it came in through a minutes import. */
      source: importSourceResponse.nullable().optional(),
      decisionId: z.string().optional(),
      commitmentId: z.string().optional(),
      kind: z.string().optional(),
      reason: z.string().nullable().optional(),
    }),
  ),
  /** Pass as `cursor` for the next page (with `limit`); null on the last page. */
  nextCursor: z.string().nullable().optional(),
});
export type MatterHistoryResponse = z.infer<typeof matterHistoryResponse>;

/** `GET /audit`: events as stored; positions and revisions as decimal strings (they are 64-bit). */
export const auditResponse = z.object({
  stream: z.string().optional(),
  actor: z.string().optional(),
  events: z.array(
    z.object({
      stream: z.string(),
      position: z.string(),
      revision: z.string(),
      type: z.string(),
      data: z.unknown(),
      metadata: z.unknown(),
      recordedAt: z.string(),
    }),
  ),
  /** Pass as `cursor` for the next page (with `limit`); null on the last page. */
  nextCursor: z.string().nullable().optional(),
});
export type AuditResponse = z.infer<typeof auditResponse>;
