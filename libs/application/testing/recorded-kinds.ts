import type { RecordedKind } from '@tilneste/minutes-import/plan';

/**
 * The tests' own list of what each event an import records counts as in its summary, written apart from the
 * importer's (`countRecorded`), so that the tests compare the summary with the store instead of with itself.
 * Shared by the rehearsal int test and the import summary's browser test.
 */
export const KIND_OF_EVENT: Readonly<Record<string, RecordedKind>> = {
  MeetingScheduled: 'meetings',
  PersonRegistered: 'people',
  PersonAliasAdded: 'aliases',
  MemberJoined: 'members',
  AttendanceRecorded: 'attendance',
  MeetingHeld: 'held',
  AgendaItemAdded: 'agendaItems',
  AgendaItemRenumbered: 'renumbered',
  AgendaItemDeferred: 'deferred',
  MatterOpened: 'matters',
  DecisionRecorded: 'decisions',
  CommitmentMade: 'commitments',
  WorkingGroupFormed: 'workingGroups',
  WorkingGroupMemberAdded: 'workingGroupMembers',
  WorkingGroupLeadChanged: 'leadChanges',
  MinutesApproved: 'minutesApproved',
  CommitmentCarriedOver: 'carriedOver',
};
