import type { CommitmentsCommand, Due, Owner } from '@tilneste/commitments';
import { DomainError } from '@tilneste/domain-kit';
import type { GroupsCommand } from '@tilneste/groups';
import type { MattersCommand } from '@tilneste/matters';
import type { MeetingsCommand } from '@tilneste/meetings';
import type { PeopleCommand } from '@tilneste/people';
import type { Catalog } from '@tilneste/projections';
import type { WorkingGroupCommand } from '@tilneste/working-groups';
import type { CommandInput } from './command-handler';
import { lookups } from './lookups';

/*
 * Rules that read other contexts (a decider sees only its own stream). Each is a pure function of the
 * command and the read models, called by the context's command handler, so the API, the CLI, the import,
 * the e-mail links and the generator all meet the same ones with the same error codes.
 */

/** The owner exists; a working group must be one of the commitment's own group (its lead is reminded there). */
export function checkOwner(catalog: Catalog, owner: Owner, groupId: string): void {
  if (owner.kind === 'person') lookups.person(catalog, owner.personId, 'owner.personId');
  if (owner.kind === 'working-group') {
    const workingGroup = lookups.workingGroup(catalog, owner.workingGroupId);
    if (workingGroup.groupId !== groupId) {
      throw new DomainError(
        'COMMITMENT.OWNER_OF_OTHER_GROUP',
        `Arbeidsgruppen ${owner.workingGroupId} hører til en annen gruppe enn forpliktelsen`,
        'invalid',
        { field: 'owner.workingGroupId' },
      );
    }
  }
}

/** A commitment is due at one of its own group's meetings: another group's would never show on its dashboard. */
export function checkDue(catalog: Catalog, due: Due, groupId: string): void {
  if (due.kind !== 'meeting') return;
  const meeting = lookups.meeting(catalog, due.meetingId);
  if (meeting.groupId !== groupId) {
    throw new DomainError(
      'COMMITMENT.DUE_AT_OTHER_GROUP',
      `Møtet ${due.meetingId} hører til en annen gruppe enn forpliktelsen`,
      'invalid',
      { field: 'due.meetingId' },
    );
  }
}

export function commitmentRules(catalog: Catalog, { type, data }: CommandInput<CommitmentsCommand>): void {
  switch (type) {
    case 'MakeCommitment': {
      const meeting = lookups.meeting(catalog, data.meetingId);
      if (meeting.groupId !== data.groupId) {
        throw new DomainError(
          'COMMITMENT.MEETING_OF_OTHER_GROUP',
          `Møtet ${data.meetingId} hører ikke til gruppen ${data.groupId}`,
          'invalid',
          { field: 'meetingId' },
        );
      }
      checkOwner(catalog, data.owner, data.groupId);
      checkDue(catalog, data.due, data.groupId);
      if (data.matterId) lookups.matter(catalog, data.matterId);
      return;
    }
    case 'ReassignCommitment':
      checkOwner(catalog, data.owner, lookups.commitment(catalog, data.commitmentId).groupId);
      return;
    case 'ChangeCommitmentDue':
      checkDue(catalog, data.due, lookups.commitment(catalog, data.commitmentId).groupId);
      return;
    default:
      lookups.commitment(catalog, data.commitmentId);
  }
}

export function meetingRules(catalog: Catalog, { type, data }: CommandInput<MeetingsCommand>): void {
  switch (type) {
    case 'ScheduleMeeting':
      lookups.group(catalog, data.groupId);
      return;
    case 'RecordAttendance':
      lookups.meeting(catalog, data.meetingId);
      lookups.person(catalog, data.personId);
      if (data.substituteFor) lookups.person(catalog, data.substituteFor, 'substituteFor');
      return;
    case 'AddAgendaItem': {
      const meeting = lookups.meeting(catalog, data.meetingId);
      // What the item follows up or reports on is the meeting's own group's: the draft agenda looks no further.
      const sameGroup = (field: string, groupId: string) => {
        if (groupId !== meeting.groupId)
          throw new DomainError(
            'MEETING.ITEM_OF_OTHER_GROUP',
            `${field} hører til en annen gruppe enn møtet ${data.meetingId}`,
            'invalid',
            { field },
          );
      };
      if (data.commitmentId)
        sameGroup('commitmentId', lookups.commitment(catalog, data.commitmentId, 'commitmentId').groupId);
      if (data.workingGroupId)
        sameGroup(
          'workingGroupId',
          lookups.workingGroup(catalog, data.workingGroupId, 'workingGroupId').groupId,
        );
      return;
    }
    default:
      lookups.meeting(catalog, data.meetingId);
  }
}

export function matterRules(catalog: Catalog, { type, data }: CommandInput<MattersCommand>): void {
  switch (type) {
    case 'OpenMatter':
      lookups.group(catalog, data.groupId);
      return;
    case 'RecordDecision':
      // The matter itself is the decider's to find (MATTER.NOT_FOUND): it may be opened in the same batch.
      lookups.meeting(catalog, data.meetingId);
      return;
    default:
      lookups.matter(catalog, data.matterId);
  }
}

export function groupRules(catalog: Catalog, { type, data }: CommandInput<GroupsCommand>): void {
  switch (type) {
    case 'EstablishGroup':
      return;
    case 'AddMember':
      lookups.group(catalog, data.groupId);
      lookups.person(catalog, data.personId);
      return;
    default:
      lookups.group(catalog, data.groupId);
  }
}

export function personRules(catalog: Catalog, { type, data }: CommandInput<PeopleCommand>): void {
  // Erasing is left to the decider, which knows a record merged into another (the read models do not
  // list it any more) and answers PERSON.NOT_FOUND itself for an unknown id.
  if (type !== 'RegisterPerson' && type !== 'ErasePerson') lookups.person(catalog, data.personId);
  if (type === 'MergePerson') lookups.person(catalog, data.intoPersonId, 'intoPersonId');
}

export function workingGroupRules(catalog: Catalog, { type, data }: CommandInput<WorkingGroupCommand>): void {
  switch (type) {
    case 'FormWorkingGroup':
      lookups.group(catalog, data.groupId);
      if (data.leadPersonId) lookups.person(catalog, data.leadPersonId, 'leadPersonId');
      for (const member of data.memberIds ?? []) lookups.person(catalog, member, 'memberIds');
      if (data.meetingId) lookups.meeting(catalog, data.meetingId);
      return;
    case 'ChangeWorkingGroupLead':
      lookups.workingGroup(catalog, data.workingGroupId);
      if (data.leadPersonId) lookups.person(catalog, data.leadPersonId, 'leadPersonId');
      return;
    case 'AddWorkingGroupMember':
      lookups.workingGroup(catalog, data.workingGroupId);
      lookups.person(catalog, data.personId);
      return;
    default:
      lookups.workingGroup(catalog, data.workingGroupId);
  }
}
