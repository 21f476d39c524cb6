import { countRecorded, type ImportStep } from './import-steps';

const attendance = (personId: string, events = ['AttendanceRecorded']): ImportStep => ({
  command: {
    context: 'meeting',
    type: 'RecordAttendance',
    data: { meetingId: 'm1', personId, remote: false },
  },
  events,
});

describe('what an import recorded', () => {
  it('counts the events its commands recorded by kind, the plan’s and the follow-ups alike', () => {
    expect(
      countRecorded([
        attendance('p1'),
        attendance('p2'),
        {
          command: { context: 'meeting', type: 'HoldMeeting', data: { meetingId: 'm1' } },
          events: ['MeetingHeld'],
        },
        {
          command: {
            context: 'meeting',
            type: 'ApproveMinutes',
            data: { meetingId: 'm0', atMeetingId: 'm1' },
          },
          events: ['MinutesApproved'],
        },
      ]),
    ).toEqual({ attendance: 2, held: 1, minutesApproved: 1 });
  });

  it('counts each event of a command that records several by its own kind, and none for one done already', () => {
    expect(
      countRecorded([
        attendance('p1', []),
        {
          // A lead who was not a member joins the working group first.
          command: {
            context: 'workingGroup',
            type: 'ChangeWorkingGroupLead',
            data: { workingGroupId: 'w1', leadPersonId: 'p1' },
          },
          events: ['WorkingGroupMemberAdded', 'WorkingGroupLeadChanged'],
        },
      ]),
    ).toEqual({ workingGroupMembers: 1, leadChanges: 1 });
  });

  it('counts an event of a type it has no kind for as another change, rather than leave it out', () => {
    expect(countRecorded([attendance('p1', ['AttendanceRecorded', 'NoticeIssued'])])).toEqual({
      attendance: 1,
      other: 1,
    });
  });
});
