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
import { changeDueBody, makeCommitmentBody, reassignBody } from '../commitments/api-shapes';
import { commitBody } from '@tilneste/application';

type Body = z.ZodObject | z.ZodType;
interface Route {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  body?: Body;
  creates?: boolean;
}

/** The request body a client sends: the command's data less the ids the path or the server supplies. */
const without = (schema: z.ZodObject, ...keys: string[]) =>
  schema.omit(Object.fromEntries(keys.map((k) => [k, true])) as never);
const empty = z.strictObject({});

const ROUTES: Route[] = [
  { method: 'get', path: '/health', summary: 'Helse: event store og Redis' },
  {
    method: 'post',
    path: '/people',
    summary: 'Registrer en person',
    body: without(registerPersonData, 'personId'),
    creates: true,
  },
  {
    method: 'post',
    path: '/people/{id}/details',
    summary: 'Endre navn, e-post eller organisasjon',
    body: without(changePersonDetailsData, 'personId'),
  },
  {
    method: 'post',
    path: '/people/{id}/aliases',
    summary: 'Legg til et annet navn for samme person',
    body: without(addPersonAliasData, 'personId'),
  },
  { method: 'get', path: '/people/{id}', summary: 'En person' },
  {
    method: 'get',
    path: '/people/{id}/calendar',
    summary: 'Personens hemmelige kalenderadresser (egen og gruppenes), for kalenderapper uten innlogging',
  },
  {
    method: 'post',
    path: '/people/{id}/calendar-key',
    summary: 'Nullstill kalenderadressene: de gamle slutter å virke, svaret har de nye',
  },
  { method: 'get', path: '/people/{id}/reminder-preferences', summary: 'Hvilke påminnelser personen får' },
  {
    method: 'put',
    path: '/people/{id}/reminder-preferences',
    summary: 'Velg påminnelser: alle, bare den siste eller ingen; møteleders oversikt; beskjed om flytting og avlysning',
    body: without(setReminderPreferencesData.omit({ source: true }), 'personId'),
  },
  {
    method: 'get',
    path: '/people/{id}/tasks',
    summary: 'Mine oppgaver (direkte, som leder av arbeidsgruppe, som sekretariat)',
  },
  {
    method: 'post',
    path: '/groups',
    summary: 'Opprett en faggruppe',
    body: without(establishGroupData, 'groupId'),
    creates: true,
  },
  {
    method: 'post',
    path: '/groups/{id}/members',
    summary: 'Legg til medlem med rolle',
    body: without(addMemberData, 'groupId'),
  },
  {
    method: 'put',
    path: '/groups/{id}/reminder-policy',
    summary: 'Påminnelser før møtene (ISO 8601-varigheter)',
    body: without(setReminderPolicyData, 'groupId'),
  },
  { method: 'get', path: '/groups/{id}/dashboard', summary: 'Møteleders oversikt' },
  { method: 'get', path: '/groups/{id}/next-agenda', summary: 'Utkast til saksliste for neste møte' },
  {
    method: 'post',
    path: '/meetings',
    summary: 'Beram et møte',
    body: without(scheduleMeetingData, 'meetingId'),
    creates: true,
  },
  { method: 'get', path: '/meetings/{id}', summary: 'Et møte' },
  {
    method: 'post',
    path: '/meetings/{id}/reschedule',
    summary: 'Flytt møtet',
    body: without(rescheduleMeetingData, 'meetingId'),
  },
  {
    method: 'post',
    path: '/meetings/{id}/cancel',
    summary: 'Avlys møtet',
    body: without(cancelMeetingData, 'meetingId'),
  },
  {
    method: 'post',
    path: '/meetings/{id}/agenda-items',
    summary: 'Legg til en sak',
    body: without(addAgendaItemData, 'meetingId', 'itemId'),
    creates: true,
  },
  {
    method: 'post',
    path: '/meetings/{id}/agenda-items/{itemId}/defer',
    summary: 'Ikke behandlet – tas opp på neste møte',
    body: empty,
  },
  {
    method: 'post',
    path: '/meetings/{id}/attendance',
    summary: 'Registrer frammøte',
    body: without(recordAttendanceData, 'meetingId'),
  },
  {
    method: 'post',
    path: '/meetings/{id}/held',
    summary: 'Møtet er holdt; åpne forpliktelser overføres',
    body: empty,
  },
  {
    method: 'post',
    path: '/working-groups',
    summary: 'Opprett en arbeidsgruppe',
    body: without(formWorkingGroupData, 'workingGroupId'),
    creates: true,
  },
  { method: 'get', path: '/working-groups/{id}', summary: 'Status for arbeidsgruppen' },
  {
    method: 'post',
    path: '/working-groups/{id}/status',
    summary: 'Rapporter status',
    body: without(reportWorkingGroupStatusData, 'workingGroupId'),
  },
  {
    method: 'post',
    path: '/working-groups/{id}/lead',
    summary: 'Bytt leder',
    body: without(changeWorkingGroupLeadData, 'workingGroupId'),
  },
  {
    method: 'post',
    path: '/working-groups/{id}/members',
    summary: 'Legg til medlem',
    body: without(addWorkingGroupMemberData, 'workingGroupId'),
  },
  {
    method: 'post',
    path: '/working-groups/{id}/dissolve',
    summary: 'Oppløs arbeidsgruppen',
    body: without(dissolveWorkingGroupData, 'workingGroupId'),
  },
  {
    method: 'post',
    path: '/matters',
    summary: 'Åpne en sak',
    body: without(openMatterData, 'matterId'),
    creates: true,
  },
  {
    method: 'post',
    path: '/matters/{id}/decisions',
    summary: 'Registrer et vedtak',
    body: without(recordDecisionData, 'matterId', 'decisionId'),
    creates: true,
  },
  {
    method: 'post',
    path: '/matters/{id}/decisions/{decisionId}/amend',
    summary: 'Endre et vedtak (den gamle teksten beholdes)',
    body: without(amendDecisionData, 'matterId', 'decisionId'),
  },
  {
    method: 'post',
    path: '/matters/{id}/discussions',
    summary: 'Saken ble drøftet',
    body: without(recordDiscussionData, 'matterId'),
  },
  {
    method: 'post',
    path: '/matters/{id}/proposal',
    summary: 'Revider forslaget, med begrunnelse',
    body: without(reviseProposalData, 'matterId'),
  },
  {
    method: 'post',
    path: '/matters/{id}/referrals',
    summary: 'Oversend saken (KG, styret …)',
    body: without(referMatterData, 'matterId'),
  },
  {
    method: 'post',
    path: '/matters/{id}/close',
    summary: 'Avslutt saken',
    body: without(closeMatterData, 'matterId'),
  },
  { method: 'get', path: '/matters/{id}/history', summary: 'Sakens historikk på tvers av møter' },
  {
    method: 'post',
    path: '/commitments',
    summary: 'Registrer en forpliktelse («til neste møte»)',
    body: makeCommitmentBody,
    creates: true,
  },
  { method: 'get', path: '/commitments/{id}', summary: 'En forpliktelse' },
  {
    method: 'post',
    path: '/commitments/{id}/complete',
    summary: 'Marker som utført',
    body: without(completeCommitmentData, 'commitmentId'),
  },
  { method: 'post', path: '/commitments/{id}/reassign', summary: 'Gi til en annen eier', body: reassignBody },
  { method: 'post', path: '/commitments/{id}/due', summary: 'Endre frist', body: changeDueBody },
  {
    method: 'post',
    path: '/commitments/{id}/progress',
    summary: 'Rapporter framdrift',
    body: without(reportCommitmentProgressData, 'commitmentId'),
  },
  {
    method: 'post',
    path: '/commitments/{id}/withdraw',
    summary: 'Trekk tilbake',
    body: without(withdrawCommitmentData, 'commitmentId'),
  },
  { method: 'get', path: '/audit', summary: 'Revisjonsspor: ?stream=<navn> eller ?actor=<id>' },
  {
    method: 'post',
    path: '/imports/minutes',
    summary: 'Les et referat (text/plain eller { text, fileName }) og få et utkast',
  },
  {
    method: 'post',
    path: '/imports/{id}/commit',
    summary:
      'Lagre et (eventuelt redigert) utkast som hendelser; samme dokument to ganger lager ingenting nytt',
    body: commitBody,
    creates: true,
  },
  {
    method: 'get',
    path: '/groups/{id}/reminders',
    summary: 'Påminnelser for gruppen: sendt, feilet, ventende',
  },
  { method: 'get', path: '/reminders/queue', summary: 'Køtall for påminnelser (sekretariatet)' },
  {
    method: 'get',
    path: '/links/{token}',
    summary: 'Side fra lenke i e-post: marker som utført eller meld framdrift (uten innlogging)',
  },
];

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: { type: 'array', items: { type: 'object' } },
      },
    },
  },
};

/** OpenAPI 3.1, generated from the zod schemas the handlers validate with. */
export function openApiDocument(publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const write = route.method !== 'get';
    const headers = write
      ? [
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
            schema: { type: 'string' },
            description: 'Gjentatt nøkkel gir første svar igjen',
          },
        ]
      : [];
    const isPublic = route.path === '/health' || route.path.startsWith('/links/');
    const responses: Record<string, unknown> = {
      [route.creates ? '201' : '200']: {
        description: 'OK',
        headers: write ? { ETag: { schema: { type: 'string' } } } : undefined,
      },
      ...(route.path === '/health'
        ? {}
        : {
            401: { description: 'Mangler token', content: { 'application/json': { schema: errorSchema } } },
          }),
      ...(write
        ? {
            400: {
              description: 'Ugyldig forespørsel',
              content: { 'application/json': { schema: errorSchema } },
            },
            409: { description: 'Brutt regel' },
            412: { description: 'Foreldet If-Match' },
          }
        : {}),
      ...(params.length ? { 404: { description: 'Finnes ikke' } } : {}),
    };
    paths[`/api${route.path}`] = {
      ...paths[`/api${route.path}`],
      [route.method]: {
        summary: route.summary,
        parameters: [...params, ...headers],
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }),
                  },
                },
              },
            }
          : {}),
        responses,
        ...(isPublic ? { security: [] } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tilneste API',
      version: '0.1.0',
      description: 'Vedtak og forpliktelser fra møtene, som hendelser.',
    },
    servers: [{ url: publicUrl }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
