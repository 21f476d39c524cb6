import { z } from 'zod';
import {
  completeCommitmentData,
  reportCommitmentProgressData,
  withdrawCommitmentData,
} from '@tilneste/commitments';
import { addMemberData, establishGroupData, setReminderPolicyData } from '@tilneste/groups';
import {
  amendDecisionData,
  closeMatterData,
  openMatterData,
  recordDecisionData,
  recordDiscussionData,
  referMatterData,
  reviseProposalData,
} from '@tilneste/matters';
import {
  addAgendaItemData,
  cancelMeetingData,
  recordAttendanceData,
  renumberAgendaItemData,
  withdrawAttendanceData,
  rescheduleMeetingData,
  scheduleMeetingData,
} from '@tilneste/meetings';
import {
  addPersonAliasData,
  changePersonDetailsData,
  registerPersonData,
  setReminderPreferencesData,
} from '@tilneste/people';
import {
  addWorkingGroupMemberData,
  changeWorkingGroupLeadData,
  dissolveWorkingGroupData,
  formWorkingGroupData,
  reportWorkingGroupStatusData,
} from '@tilneste/working-groups';
import { adminBody, signInLinkBody, tokenBody } from '../auth/auth.controller';
import {
  adminResponse,
  createdTokenResponse,
  meResponse,
  messageResponse,
  personExportResponse,
  tokensResponse,
} from '../auth/auth.responses';
import { changeDueBody, makeCommitmentBody, reassignBody } from '../commitments/api-shapes';
import { commitmentResponse } from '../commitments/commitments.responses';
import { acceptedMediaTypes, type BodyKind } from '../http/body-contract';
import { errorResponse, healthResponse, idResponse } from '../http/responses';
import { jsonUpload } from '../imports/imports.controller';
import { minutesCommittedResponse, minutesParsedResponse } from '../imports/imports.responses';
import { commitBody } from '@tilneste/application';
import { heldResponse, meetingResponse } from '../meetings/meetings.responses';
import {
  calendarAddressesResponse,
  reminderPreferencesResponse,
} from '../people/calendar-and-preferences.responses';
import { personResponse } from '../people/people.responses';
import {
  auditResponse,
  dashboardResponse,
  matterHistoryResponse,
  nextAgendaResponse,
  tasksResponse,
  workingGroupResponse,
} from '../queries/queries.responses';
import { groupRemindersResponse, reminderQueueResponse } from '../reminders/reminders.responses';

type Body = z.ZodType;
type Status =
  200 | 201 | 202 | 204 | 303 | 304 | 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 429 | 503;

interface Route {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  /** The JSON body; `accepts` adds other media types (as `@Accepts` on the handler). */
  body?: Body;
  accepts?: BodyKind[];
  /** What the success answer holds: a zod schema, or an HTML page. */
  answer: Body | 'html';
  creates?: boolean;
  /** An id in the path or the body may name nothing: 404. */
  lookups?: boolean;
  /** The query string is validated: 400. */
  query?: boolean;
  /** Statuses this route gives besides those every route of its kind gives. */
  also?: Status[];
  /** Reached without a token (health, pages behind a signed link). */
  isPublic?: boolean;
  /** The success status when it is neither 200 nor 201 (202 accepted, 204 no content). */
  success?: 202 | 204;
  /** Rate-limited: 429 with Retry-After. */
  limited?: boolean;
  /** Writes no event (sign-out, personal tokens: the sign-in store), so If-Match and Idempotency-Key do not apply. */
  noEvents?: boolean;
  /** The answer carries no ETag (it changes more than one stream). */
  noEtag?: boolean;
  /** A GET answered from the read models (`@View`): tagged with an ETag, 304 to a matching If-None-Match. */
  view?: boolean;
}

/** The request body a client sends: the command's data less the ids the path or the server supplies. */
const without = (schema: z.ZodObject, ...keys: string[]) =>
  schema.omit(Object.fromEntries(keys.map((k) => [k, true])) as never);
const empty = z.strictObject({});
const linkForm = z.object({
  text: z.string().optional(),
  status: z.enum(['not-started', 'active', 'done']).optional(),
  _key: z.uuid().optional(),
});

/** Every route the API serves (a test compares this list with the routes Nest registers). */
export const ROUTES: Route[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Helse: event store og Redis',
    answer: healthResponse,
    isPublic: true,
  },
  {
    method: 'post',
    path: '/people',
    operationId: 'registerPerson',
    summary: 'Registrer en person',
    body: without(registerPersonData, 'personId'),
    answer: idResponse,
    creates: true,
  },
  {
    method: 'post',
    path: '/people/{id}/details',
    operationId: 'changePersonDetails',
    summary: 'Endre navn, e-post eller organisasjon',
    body: without(changePersonDetailsData, 'personId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/people/{id}/aliases',
    operationId: 'addPersonAlias',
    summary: 'Legg til et annet navn for samme person',
    body: without(addPersonAliasData, 'personId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'get',
    path: '/people/{id}',
    operationId: 'getPerson',
    view: true,
    summary: 'En person',
    answer: personResponse,
    lookups: true,
    also: [303],
  },
  {
    method: 'get',
    path: '/people/{id}/calendar',
    operationId: 'getCalendarAddresses',
    summary: 'Personens hemmelige kalenderadresser (egen og gruppenes), for kalenderapper uten innlogging',
    answer: calendarAddressesResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/people/{id}/calendar-key',
    operationId: 'resetCalendarKey',
    summary: 'Nullstill kalenderadressene: de gamle slutter å virke, svaret har de nye',
    answer: calendarAddressesResponse,
    lookups: true,
  },
  {
    method: 'get',
    path: '/people/{id}/reminder-preferences',
    operationId: 'getReminderPreferences',
    summary: 'Hvilke påminnelser personen får',
    answer: reminderPreferencesResponse,
    lookups: true,
  },
  {
    method: 'put',
    path: '/people/{id}/reminder-preferences',
    operationId: 'setReminderPreferences',
    summary:
      'Velg påminnelser: alle, bare den siste eller ingen; møteleders oversikt; beskjed om flytting og avlysning; språket i e-postene (nb eller en; uten språk beholdes det personen har)',
    body: without(setReminderPreferencesData.omit({ source: true }), 'personId'),
    answer: reminderPreferencesResponse,
    lookups: true,
  },
  {
    method: 'get',
    path: '/people/{id}/tasks',
    operationId: 'getTasks',
    view: true,
    summary: 'Mine oppgaver (direkte, som leder av arbeidsgruppe, som sekretariat); ?status=open|all',
    answer: tasksResponse,
    lookups: true,
    query: true,
    also: [303],
  },
  {
    method: 'post',
    path: '/groups',
    operationId: 'establishGroup',
    summary: 'Opprett en faggruppe',
    body: without(establishGroupData, 'groupId'),
    answer: idResponse,
    creates: true,
  },
  {
    method: 'post',
    path: '/groups/{id}/members',
    operationId: 'addGroupMember',
    summary:
      'Legg til medlem med rolle, eller endre rollen; gruppens siste i sekretariatet beholder sin (409 GROUP.LAST_SECRETARIAT)',
    body: without(addMemberData, 'groupId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/groups/{id}/members/{personId}/remove',
    operationId: 'removeGroupMember',
    summary:
      'Fjern et medlem fra gruppen, men ikke gruppens siste i sekretariatet (409 GROUP.LAST_SECRETARIAT)',
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'put',
    path: '/groups/{id}/reminder-policy',
    operationId: 'setReminderPolicy',
    summary: 'Påminnelser før møtene (ISO 8601-varigheter)',
    body: without(setReminderPolicyData, 'groupId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'get',
    path: '/groups/{id}/dashboard',
    operationId: 'getDashboard',
    view: true,
    summary: 'Møteleders oversikt',
    answer: dashboardResponse,
    lookups: true,
  },
  {
    method: 'get',
    path: '/groups/{id}/next-agenda',
    operationId: 'getNextAgenda',
    view: true,
    summary: 'Utkast til saksliste for neste møte',
    answer: nextAgendaResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings',
    operationId: 'scheduleMeeting',
    summary: 'Beram et møte',
    body: without(scheduleMeetingData, 'meetingId'),
    answer: idResponse,
    creates: true,
    lookups: true,
  },
  {
    method: 'get',
    path: '/meetings/{id}',
    operationId: 'getMeeting',
    view: true,
    summary: 'Et møte',
    answer: meetingResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/reschedule',
    operationId: 'rescheduleMeeting',
    summary: 'Flytt møtet',
    body: without(rescheduleMeetingData, 'meetingId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/cancel',
    operationId: 'cancelMeeting',
    summary: 'Avlys møtet',
    body: without(cancelMeetingData, 'meetingId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/agenda-items',
    operationId: 'addAgendaItem',
    summary: 'Legg til en sak',
    body: without(addAgendaItemData, 'meetingId', 'itemId'),
    answer: idResponse,
    creates: true,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/agenda-items/{itemId}/defer',
    operationId: 'deferAgendaItem',
    summary: 'Ikke behandlet – tas opp på neste møte',
    body: empty,
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/agenda-items/{itemId}/renumber',
    operationId: 'renumberAgendaItem',
    summary: 'Gi en sak et annet nummer (før møtet er holdt)',
    body: without(renumberAgendaItemData, 'meetingId', 'itemId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/attendance',
    operationId: 'recordAttendance',
    summary: 'Registrer frammøte',
    body: without(recordAttendanceData, 'meetingId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/attendance/{personId}/withdraw',
    operationId: 'withdrawAttendance',
    summary: 'Fjern oppmøte registrert ved en feil (ikke etter at referatet er godkjent)',
    body: without(withdrawAttendanceData, 'meetingId', 'personId', 'mergedIds'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/held',
    operationId: 'holdMeeting',
    summary: 'Møtet er holdt; åpne forpliktelser overføres',
    body: empty,
    answer: heldResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/working-groups',
    operationId: 'formWorkingGroup',
    summary: 'Opprett en arbeidsgruppe',
    body: without(formWorkingGroupData, 'workingGroupId'),
    answer: idResponse,
    creates: true,
    lookups: true,
  },
  {
    method: 'get',
    path: '/working-groups/{id}',
    operationId: 'getWorkingGroup',
    view: true,
    summary: 'Status for arbeidsgruppen',
    answer: workingGroupResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/working-groups/{id}/status',
    operationId: 'reportWorkingGroupStatus',
    summary: 'Rapporter status',
    body: without(reportWorkingGroupStatusData, 'workingGroupId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/working-groups/{id}/lead',
    operationId: 'changeWorkingGroupLead',
    summary: 'Bytt leder',
    body: without(changeWorkingGroupLeadData, 'workingGroupId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/working-groups/{id}/members',
    operationId: 'addWorkingGroupMember',
    summary: 'Legg til medlem',
    body: without(addWorkingGroupMemberData, 'workingGroupId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/working-groups/{id}/dissolve',
    operationId: 'dissolveWorkingGroup',
    summary: 'Oppløs arbeidsgruppen',
    body: without(dissolveWorkingGroupData, 'workingGroupId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/matters',
    operationId: 'openMatter',
    summary: 'Åpne en sak',
    body: without(openMatterData, 'matterId'),
    answer: idResponse,
    creates: true,
    lookups: true,
  },
  {
    method: 'post',
    path: '/matters/{id}/decisions',
    operationId: 'recordDecision',
    summary: 'Registrer et vedtak',
    body: without(recordDecisionData, 'matterId', 'decisionId'),
    answer: idResponse,
    creates: true,
    lookups: true,
  },
  {
    method: 'post',
    path: '/matters/{id}/decisions/{decisionId}/amend',
    operationId: 'amendDecision',
    summary: 'Endre et vedtak (den gamle teksten beholdes)',
    body: without(amendDecisionData, 'matterId', 'decisionId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/matters/{id}/discussions',
    operationId: 'recordDiscussion',
    summary: 'Saken ble drøftet',
    body: without(recordDiscussionData, 'matterId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/matters/{id}/proposal',
    operationId: 'reviseProposal',
    summary: 'Revider forslaget, med begrunnelse',
    body: without(reviseProposalData, 'matterId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/matters/{id}/referrals',
    operationId: 'referMatter',
    summary: 'Oversend saken (KG, styret …)',
    body: without(referMatterData, 'matterId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/matters/{id}/close',
    operationId: 'closeMatter',
    summary: 'Avslutt saken',
    body: without(closeMatterData, 'matterId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'get',
    path: '/matters/{id}/history',
    operationId: 'getMatterHistory',
    view: true,
    summary: 'Sakens historikk på tvers av møter',
    answer: matterHistoryResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/commitments',
    operationId: 'makeCommitment',
    summary: 'Registrer en forpliktelse («til neste møte»)',
    body: makeCommitmentBody,
    answer: idResponse,
    creates: true,
    lookups: true,
  },
  {
    method: 'get',
    path: '/commitments/{id}',
    operationId: 'getCommitment',
    view: true,
    summary: 'En forpliktelse',
    answer: commitmentResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/commitments/{id}/complete',
    operationId: 'completeCommitment',
    summary: 'Marker som utført',
    body: without(completeCommitmentData, 'commitmentId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/commitments/{id}/reassign',
    operationId: 'reassignCommitment',
    summary: 'Gi til en annen eier',
    body: reassignBody,
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/commitments/{id}/due',
    operationId: 'changeCommitmentDue',
    summary: 'Endre frist',
    body: changeDueBody,
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/commitments/{id}/progress',
    operationId: 'reportCommitmentProgress',
    summary: 'Rapporter framdrift',
    body: without(reportCommitmentProgressData, 'commitmentId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/commitments/{id}/withdraw',
    operationId: 'withdrawCommitment',
    summary: 'Trekk tilbake',
    body: without(withdrawCommitmentData, 'commitmentId'),
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'get',
    path: '/audit',
    operationId: 'getAuditTrail',
    view: true,
    summary: 'Revisjonsspor: ?stream=<navn> eller ?actor=<id>, og ?limit=',
    answer: auditResponse,
    query: true,
    also: [503],
  },
  {
    method: 'post',
    path: '/imports/minutes',
    operationId: 'parseMinutes',
    summary:
      'Les et referat (text/plain, { text, fileName }, multipart/form-data med én fil, eller en PDF/.docx som seg selv) og få et utkast',
    body: jsonUpload,
    accepts: ['json', 'text', 'multipart', 'pdf', 'docx', 'binary'],
    answer: minutesParsedResponse,
    noEtag: true,
    limited: true,
  },
  {
    method: 'post',
    path: '/imports/{id}/commit',
    operationId: 'commitMinutes',
    summary:
      'Lagre et (eventuelt redigert) utkast som hendelser; samme dokument to ganger lager ingenting nytt (200)',
    body: commitBody,
    answer: minutesCommittedResponse,
    creates: true,
    lookups: true,
    also: [200],
    noEtag: true,
    limited: true,
  },
  {
    method: 'get',
    path: '/groups/{id}/reminders',
    operationId: 'getGroupReminders',
    view: true,
    summary: 'Påminnelser for gruppen: sendt, feilet, ventende',
    answer: groupRemindersResponse,
    lookups: true,
  },
  {
    method: 'get',
    path: '/reminders/queue',
    operationId: 'getReminderQueue',
    summary: 'Køtall for påminnelser (sekretariatet)',
    answer: reminderQueueResponse,
  },
  {
    method: 'get',
    path: '/links/{token}',
    operationId: 'showReminderLink',
    summary:
      'Side fra lenke i e-post: marker som utført, meld framdrift eller arbeidsgruppens status (uten innlogging)',
    answer: 'html',
    isPublic: true,
    also: [400, 404, 409, 410],
  },
  {
    method: 'post',
    path: '/links/{token}',
    operationId: 'useReminderLink',
    summary:
      'Skjemaet på siden fra lenken: marker som utført, send framdrift som `text`, eller status som `status`, `text` og `_key`',
    body: linkForm,
    accepts: ['form', 'json'],
    answer: 'html',
    isPublic: true,
    also: [400, 404, 409, 410, 413, 415, 503],
  },
  {
    method: 'post',
    path: '/auth/sign-in-link',
    operationId: 'requestSignInLink',
    summary: 'Be om innloggingslenke på e-post; svarer alltid 202 (ask for a sign-in link)',
    body: signInLinkBody,
    answer: messageResponse,
    success: 202,
    isPublic: true,
    limited: true,
  },
  {
    method: 'post',
    path: '/auth/sign-out',
    operationId: 'signOut',
    summary: 'Logg ut: avslutter økten på serveren (sign out)',
    answer: messageResponse,
    success: 204,
    noEtag: true,
    noEvents: true,
  },
  {
    method: 'get',
    path: '/me',
    operationId: 'getMe',
    summary: 'Meg: person, roller, admin og CSRF-token (the signed-in person)',
    answer: meResponse,
  },
  {
    method: 'post',
    path: '/me/tokens',
    operationId: 'createPersonalToken',
    summary: 'Lag et personlig API-token; vises bare denne ene gangen (create a personal token, shown once)',
    body: tokenBody,
    answer: createdTokenResponse,
    creates: true,
    noEtag: true,
    noEvents: true,
  },
  {
    method: 'get',
    path: '/me/tokens',
    operationId: 'listPersonalTokens',
    summary: 'Mine personlige API-tokener, uten hemmeligheten (list tokens)',
    answer: tokensResponse,
  },
  {
    method: 'delete',
    path: '/me/tokens/{tokenId}',
    operationId: 'revokePersonalToken',
    summary: 'Trekk tilbake et personlig API-token (revoke)',
    answer: messageResponse,
    success: 204,
    noEtag: true,
    noEvents: true,
    lookups: true,
  },
  {
    method: 'get',
    path: '/people/{id}/export',
    operationId: 'exportPerson',
    summary:
      'Alt som er lagret om en person, som JSON (everything stored about a person; admin or the person)',
    answer: personExportResponse,
    lookups: true,
  },
  {
    method: 'post',
    path: '/people/{id}/erase',
    operationId: 'erasePerson',
    summary:
      'Slett en person (admin): nøkkelen slettes, så navn, e-post og egen fritekst vises som «slettet person» (crypto-shredding)',
    answer: idResponse,
    lookups: true,
  },
  {
    method: 'put',
    path: '/people/{id}/admin',
    operationId: 'setPersonAdmin',
    summary: 'Gi eller ta bort administratorrett (grant or withdraw admin; admin only)',
    body: adminBody,
    answer: adminResponse,
    noEtag: true,
    lookups: true,
  },
];

const DESCRIPTIONS: Record<Status, string> = {
  200: 'OK',
  201: 'Opprettet (created)',
  202: 'Mottatt (accepted)',
  204: 'Gjort; ingen kropp (no content)',
  303: 'Personen er slått sammen med en annen: `Location` er den samme forespørselen om personen som ble igjen (see other)',
  304: 'Uendret siden taggen i If-None-Match (not modified); ingen kropp',
  400: 'Ugyldig forespørsel: feltene med feil står i `error.issues` med sin `path`, eller `error.details.field`',
  401: 'Mangler eller ugyldig token',
  403: 'Ingen tilgang: tokenet eller rollen har ikke denne retten, eller en skriving med økt-cookie mangler CSRF-token',
  404: 'Finnes ikke (`error.details.field` sier hvilket felt når id-en står i kroppen)',
  409: 'Brutt forretningsregel, samtidig endring, eller Idempotency-Key brukt for en annen forespørsel',
  410: 'Lenken er utløpt',
  412: 'Foreldet If-Match: strømmen er endret siden',
  413: 'Forespørselen er for stor (over 1 MB JSON, for lange lister, for mange felt)',
  415: 'Feil innholdstype for denne ruten',
  429: 'For mange forespørsler; prøv igjen etter `Retry-After` sekunder (too many requests)',
  503: 'Hendelseslageret svarer ikke; prøv igjen',
};

const ETAG_HEADER = {
  ETag: { description: 'Strømmens revisjon, til If-Match', schema: { type: 'string' } },
  'Idempotent-Replayed': {
    description: '`true` når svaret er det første svaret på samme Idempotency-Key',
    schema: { type: 'string' },
  },
};

function jsonSchema(schema: Body, io: 'input' | 'output') {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  void $schema;
  return rest;
}

const json = (schema: Body) => ({ 'application/json': { schema: jsonSchema(schema, 'output') } });
const html = { 'text/html': { schema: { type: 'string' } } };

/** The statuses a route can give, each with its body. */
function responsesOf(route: Route): Record<string, unknown> {
  const write = route.method !== 'get';
  const statuses = new Set<Status>(route.also ?? []);
  statuses.add(route.success ?? (route.creates ? 201 : 200));
  if (!route.isPublic) [401, 403].forEach((s) => statuses.add(s as Status));
  if (route.limited) statuses.add(429);
  if (write && !route.isPublic) [403, 409, 412, 503].forEach((s) => statuses.add(s as Status));
  if (route.noEvents) statuses.delete(412);
  // any write may carry a body, declared or not: it is parsed and checked (see BodyContractGuard)
  if (write) [400, 413, 415].forEach((s) => statuses.add(s as Status));
  if (route.lookups) statuses.add(404);
  if (route.query) statuses.add(400);
  if (route.view) statuses.add(304);
  const responses: Record<string, unknown> = {};
  for (const status of [...statuses].sort()) {
    if (status === 304 || status === 204) {
      responses[status] = { description: DESCRIPTIONS[status] };
      continue;
    }
    if (status === 303) {
      responses[status] = {
        description: DESCRIPTIONS[status],
        headers: {
          Location: { schema: { type: 'string' }, description: 'Hvor svaret er (where the answer is)' },
        },
      };
      continue;
    }
    const success = status < 300;
    // a page route answers its own outcomes with a page, and errors before the handler as JSON
    const content = success
      ? route.answer === 'html'
        ? html
        : json(route.answer)
      : route.answer === 'html' && [400, 404, 409, 410].includes(status)
        ? { ...html, ...json(errorResponse) }
        : json(errorResponse);
    responses[status] = {
      description: DESCRIPTIONS[status],
      ...(success && write && route.answer !== 'html' && !route.noEtag ? { headers: ETAG_HEADER } : {}),
      ...(success && route.view ? { headers: VIEW_TAG_HEADER } : {}),
      content,
    };
  }
  return responses;
}

function requestBodyOf(route: Route) {
  if (!route.body) return {};
  const content: Record<string, unknown> = {};
  for (const type of acceptedMediaTypes(route.accepts)) {
    content[type] =
      type === 'text/plain'
        ? { schema: { type: 'string', description: 'Referatet som ren tekst (UTF-8)' } }
        : type === 'multipart/form-data'
          ? {
              schema: {
                type: 'object',
                properties: {
                  file: { type: 'string', format: 'binary', description: '.txt, .md, .docx eller .pdf' },
                },
                required: ['file'],
              },
            }
          : type.startsWith('application/json')
            ? { schema: jsonSchema(route.body, 'input') }
            : { schema: { type: 'string', format: 'binary', description: 'Filen selv, høyst 5 MB' } };
  }
  return { requestBody: { required: !route.accepts?.includes('form'), content } };
}

const VIEW_TAG_HEADER = {
  ETag: {
    description:
      'Posisjonen lesemodellene hadde (og minuttet, for visninger som endres med klokka), til If-None-Match',
    schema: { type: 'string' },
  },
};

const VIEW_HEADERS = [
  {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'ETag fra et tidligere svar; 304 uten kropp om visningen er den samme',
  },
];

const WRITE_HEADERS = [
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'ETag fra forrige svar; 412 om strømmen er endret',
  },
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 200 },
    description: 'Gjentatt nøkkel gir første svar igjen og lagrer ingenting nytt',
  },
];

/** OpenAPI 3.1, generated from the zod schemas the handlers validate with and answer by. */
export function openApiDocument(publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const write = route.method !== 'get' && !route.isPublic && !route.noEvents;
    paths[`/api${route.path}`] = {
      ...paths[`/api${route.path}`],
      [route.method]: {
        operationId: route.operationId,
        summary: route.summary,
        parameters: [...params, ...(write ? WRITE_HEADERS : []), ...(route.view ? VIEW_HEADERS : [])],
        ...requestBodyOf(route),
        responses: responsesOf(route),
        ...(route.isPublic ? { security: [] } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tilneste API',
      version: '0.1.0',
      description:
        'Vedtak og forpliktelser fra møtene, som hendelser. Feil har alltid formen `{ error: { code, message, issues?, details? } }`.',
    },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'tilneste_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
