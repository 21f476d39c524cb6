import { deciderSpec, testMetadata } from '@tilneste/domain-kit/testing';
import type { MeetingsCommand } from './meetings.commands';
import { meetingsDecider, type MeetingState } from './meetings.decider';
import type { MeetingsEvent } from './meetings.events';

const spec = deciderSpec(meetingsDecider);
const meetingId = 'meeting-2025-03-20';
const groupId = 'group-helse';
const metadata = testMetadata();
const startsAt = '2025-03-20T09:00:00.000Z';
const endsAt = '2025-03-20T11:00:00.000Z';

type Data<T extends MeetingsCommand['type']> = Omit<
  Extract<MeetingsCommand, { type: T }>['data'],
  'meetingId'
>;
// TypeScript cannot relate a generic spread back to the union member, hence the double cast.
const command = <T extends MeetingsCommand['type']>(type: T, data: Data<T>) =>
  ({ type, data: { meetingId, ...data }, metadata }) as unknown as Extract<MeetingsCommand, { type: T }>;

const scheduled: MeetingsEvent = {
  type: 'MeetingScheduled',
  data: {
    meetingId,
    groupId,
    title: 'Møte i faggruppe helse',
    startsAt,
    endsAt,
    location: 'Sørfjord kulturhus',
    online: false,
  },
};
const itemAdded = (itemId: string, number: number | null = null): MeetingsEvent => ({
  type: 'AgendaItemAdded',
  data: { meetingId, itemId, number, title: `Sak ${itemId}`, kind: 'discussion' },
});
const deferred = (itemId: string): MeetingsEvent => ({
  type: 'AgendaItemDeferred',
  data: { meetingId, itemId },
});
const renumbered = (itemId: string, number: number, previousNumber: number | null): MeetingsEvent => ({
  type: 'AgendaItemRenumbered',
  data: { meetingId, itemId, number, previousNumber },
});
const attended = (personId: string, remote = false, substituteFor: string | null = null): MeetingsEvent => ({
  type: 'AttendanceRecorded',
  data: { meetingId, personId, remote, substituteFor },
});
const withdrawn = (personId: string, reason: string | null = null): MeetingsEvent => ({
  type: 'AttendanceWithdrawn',
  data: { meetingId, personId, reason },
});
const held: MeetingsEvent = { type: 'MeetingHeld', data: { meetingId } };
const approved: MeetingsEvent = { type: 'MinutesApproved', data: { meetingId, atMeetingId: null } };
const cancelled: MeetingsEvent = { type: 'MeetingCancelled', data: { meetingId, reason: null } };

describe('Meeting', () => {
  describe('when not scheduled', () => {
    it('schedules it, with missing details as null', () =>
      spec
        .given([])
        .when(command('ScheduleMeeting', { groupId, startsAt }))
        .then([
          {
            type: 'MeetingScheduled',
            data: { meetingId, groupId, title: null, startsAt, endsAt: null, location: null, online: null },
          },
        ]));

    it('schedules it with every detail', () =>
      spec
        .given([])
        .when(
          command('ScheduleMeeting', {
            groupId,
            title: 'Møte i faggruppe helse',
            startsAt,
            endsAt,
            location: 'Sørfjord kulturhus',
            online: false,
          }),
        )
        .then([scheduled]));

    it('rejects an end before the start', () =>
      spec
        .given([])
        .when(command('ScheduleMeeting', { groupId, startsAt, endsAt: '2025-03-20T08:00:00.000Z' }))
        .thenThrows('MEETING.ENDS_BEFORE_START'));

    it('rejects an end equal to the start, even written in another offset', () =>
      spec
        .given([])
        .when(command('ScheduleMeeting', { groupId, startsAt, endsAt: '2025-03-20T10:00:00+01:00' }))
        .thenThrows('MEETING.ENDS_BEFORE_START'));

    it.each<MeetingsCommand>([
      command('RescheduleMeeting', { startsAt }),
      command('CancelMeeting', {}),
      command('AddAgendaItem', { itemId: 'i-1', title: 'Eventuelt' }),
      command('DeferAgendaItem', { itemId: 'i-1' }),
      command('IssueNotice', {}),
      command('RecordAttendance', { personId: 'eli' }),
      command('HoldMeeting', {}),
      command('ApproveMinutes', {}),
    ])('rejects $type as not found', (cmd) => spec.given([]).when(cmd).thenThrows('MEETING.NOT_FOUND'));
  });

  describe('when scheduled', () => {
    it('rejects scheduling it again', () =>
      spec
        .given([scheduled])
        .when(command('ScheduleMeeting', { groupId, startsAt }))
        .thenThrows('MEETING.ALREADY_SCHEDULED'));

    it('reschedules it, remembering the previous start', () =>
      spec
        .given([scheduled])
        .when(
          command('RescheduleMeeting', {
            startsAt: '2025-03-27T09:00:00.000Z',
            endsAt: '2025-03-27T12:00:00.000Z',
          }),
        )
        .then([
          {
            type: 'MeetingRescheduled',
            data: {
              meetingId,
              startsAt: '2025-03-27T09:00:00.000Z',
              endsAt: '2025-03-27T12:00:00.000Z',
              previousStartsAt: startsAt,
            },
          },
        ]));

    it('keeps the length of the meeting when no end is given', () =>
      spec
        .given([scheduled])
        .when(command('RescheduleMeeting', { startsAt: '2025-03-27T09:00:00.000Z' }))
        .then([
          {
            type: 'MeetingRescheduled',
            data: {
              meetingId,
              startsAt: '2025-03-27T09:00:00.000Z',
              endsAt: '2025-03-27T11:00:00.000Z',
              previousStartsAt: startsAt,
            },
          },
        ]));

    it('drops the end when given null', () =>
      spec
        .given([scheduled])
        .when(command('RescheduleMeeting', { startsAt, endsAt: null }))
        .then([
          {
            type: 'MeetingRescheduled',
            data: { meetingId, startsAt, endsAt: null, previousStartsAt: startsAt },
          },
        ]));

    it('ignores a move to the same time, even written in another offset', () =>
      spec
        .given([scheduled])
        .when(command('RescheduleMeeting', { startsAt: '2025-03-20T10:00:00+01:00' }))
        .then([]));

    it('compares against the time after an earlier move', () =>
      spec
        .given([
          scheduled,
          {
            type: 'MeetingRescheduled',
            data: {
              meetingId,
              startsAt: '2025-03-27T09:00:00.000Z',
              endsAt: null,
              previousStartsAt: startsAt,
            },
          },
        ])
        .when(command('RescheduleMeeting', { startsAt: '2025-03-27T09:00:00.000Z', endsAt: null }))
        .then([]));

    it('rejects a move that ends before it starts', () =>
      spec
        .given([scheduled])
        .when(command('RescheduleMeeting', { startsAt: '2025-03-27T09:00:00.000Z', endsAt }))
        .thenThrows('MEETING.ENDS_BEFORE_START'));

    it('cancels it, with no reason as null', () =>
      spec.given([scheduled]).when(command('CancelMeeting', {})).then([cancelled]));

    it('cancels it with a reason', () =>
      spec
        .given([scheduled])
        .when(command('CancelMeeting', { reason: 'For få påmeldte' }))
        .then([{ type: 'MeetingCancelled', data: { meetingId, reason: 'For få påmeldte' } }]));

    it('adds an agenda item, unnumbered and of kind "other" by default', () =>
      spec
        .given([scheduled])
        .when(command('AddAgendaItem', { itemId: 'i-1', title: 'Eventuelt' }))
        .then([
          {
            type: 'AgendaItemAdded',
            data: { meetingId, itemId: 'i-1', number: null, title: 'Eventuelt', kind: 'other' },
          },
        ]));

    it('adds a numbered agenda item of a given kind', () =>
      spec
        .given([scheduled])
        .when(
          command('AddAgendaItem', {
            itemId: 'i-4',
            number: 4,
            title: 'Arbeidsgrupper',
            kind: 'working-group-report',
          }),
        )
        .then([
          {
            type: 'AgendaItemAdded',
            data: {
              meetingId,
              itemId: 'i-4',
              number: 4,
              title: 'Arbeidsgrupper',
              kind: 'working-group-report',
            },
          },
        ]));

    it('adds an item taken from the draft agenda with the working group or commitment it is for', () =>
      spec
        .given([scheduled])
        .when(
          command('AddAgendaItem', {
            itemId: 'i-5',
            number: 5,
            title: 'Oppfølging: Sende kartet (Kari)',
            kind: 'information',
            commitmentId: 'c-1',
          }),
        )
        .then([
          {
            type: 'AgendaItemAdded',
            data: {
              meetingId,
              itemId: 'i-5',
              number: 5,
              title: 'Oppfølging: Sende kartet (Kari)',
              kind: 'information',
              commitmentId: 'c-1',
            },
          },
        ]));

    it('rejects the same item id twice', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1)])
        .when(command('AddAgendaItem', { itemId: 'i-1', number: 2, title: 'Sak i-1' }))
        .thenThrows('MEETING.ITEM_ALREADY_ADDED'));

    it('rejects a number already used in the meeting', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1)])
        .when(command('AddAgendaItem', { itemId: 'i-2', number: 1, title: 'Ny sak' }))
        .thenThrows('MEETING.ITEM_NUMBER_TAKEN'));

    it('keeps the number of a deferred item taken', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1), deferred('i-1')])
        .when(command('AddAgendaItem', { itemId: 'i-2', number: 1, title: 'Ny sak' }))
        .thenThrows('MEETING.ITEM_NUMBER_TAKEN'));

    it('allows several unnumbered items', () =>
      spec
        .given([scheduled, itemAdded('i-1')])
        .when(command('AddAgendaItem', { itemId: 'i-2', title: 'Sak i-2', kind: 'discussion' }))
        .then([itemAdded('i-2')]));

    it('defers an agenda item', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1)])
        .when(command('DeferAgendaItem', { itemId: 'i-1' }))
        .then([deferred('i-1')]));

    it('rejects deferring an item that is not on the agenda', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1)])
        .when(command('DeferAgendaItem', { itemId: 'i-2' }))
        .thenThrows('MEETING.ITEM_NOT_FOUND'));

    it('rejects deferring an item twice', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1), deferred('i-1')])
        .when(command('DeferAgendaItem', { itemId: 'i-1' }))
        .thenThrows('MEETING.ITEM_ALREADY_DEFERRED'));

    it('gives an item another number, remembering the one it had', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1), itemAdded('aob', 2)])
        .when(command('RenumberAgendaItem', { itemId: 'aob', number: 3 }))
        .then([renumbered('aob', 3, 2)]));

    it('numbers an unnumbered item, and takes a number freed by an earlier move', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1), itemAdded('i-2'), renumbered('i-1', 4, 1)])
        .when(command('RenumberAgendaItem', { itemId: 'i-2', number: 1 }))
        .then([renumbered('i-2', 1, null)]));

    it('ignores the number an item already has', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1), renumbered('i-1', 2, 1)])
        .when(command('RenumberAgendaItem', { itemId: 'i-1', number: 2 }))
        .then([]));

    it('rejects a number another item has, also one it was moved to', () => {
      spec
        .given([scheduled, itemAdded('i-1', 1), itemAdded('i-2', 2)])
        .when(command('RenumberAgendaItem', { itemId: 'i-1', number: 2 }))
        .thenThrows('MEETING.ITEM_NUMBER_TAKEN');
      spec
        .given([scheduled, itemAdded('i-1', 1), itemAdded('i-2', 2), renumbered('i-2', 5, 2)])
        .when(command('AddAgendaItem', { itemId: 'i-3', number: 5, title: 'Sak i-3' }))
        .thenThrows('MEETING.ITEM_NUMBER_TAKEN');
    });

    it('rejects renumbering an item that is not on the agenda', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1)])
        .when(command('RenumberAgendaItem', { itemId: 'i-2', number: 2 }))
        .thenThrows('MEETING.ITEM_NOT_FOUND'));

    it('issues the notice', () =>
      spec
        .given([scheduled])
        .when(command('IssueNotice', {}))
        .then([{ type: 'NoticeIssued', data: { meetingId } }]));

    it('records attendance in person by default', () =>
      spec
        .given([scheduled])
        .when(command('RecordAttendance', { personId: 'eli' }))
        .then([attended('eli')]));

    it('records a remote substitute', () =>
      spec
        .given([scheduled])
        .when(command('RecordAttendance', { personId: 'siri', remote: true, substituteFor: 'odd' }))
        .then([attended('siri', true, 'odd')]));

    it('ignores the same attendance again', () =>
      spec
        .given([scheduled, attended('siri', true, 'odd')])
        .when(command('RecordAttendance', { personId: 'siri', remote: true, substituteFor: 'odd' }))
        .then([]));

    it('records a change in how someone attended', () =>
      spec
        .given([scheduled, attended('siri', true, 'odd')])
        .when(command('RecordAttendance', { personId: 'siri', remote: false, substituteFor: 'odd' }))
        .then([attended('siri', false, 'odd')]));

    it('records a change in whom someone stood in for', () =>
      spec
        .given([scheduled, attended('siri', true, 'odd')])
        .when(command('RecordAttendance', { personId: 'siri', remote: true }))
        .then([attended('siri', true)]));

    it('rejects someone standing in for themselves', () =>
      spec
        .given([scheduled])
        .when(command('RecordAttendance', { personId: 'siri', substituteFor: 'siri' }))
        .thenThrows('MEETING.INVALID_SUBSTITUTE'));

    describe('and attendance is withdrawn', () => {
      it('withdraws attendance recorded by mistake, with the reason', () =>
        spec
          .given([scheduled, attended('eli'), attended('siri', true, 'odd')])
          .when(command('WithdrawAttendance', { personId: 'siri', reason: 'Feil person' }))
          .then([withdrawn('siri', 'Feil person')]));

      it('rejects withdrawing someone not recorded', () =>
        spec
          .given([scheduled, attended('eli')])
          .when(command('WithdrawAttendance', { personId: 'siri' }))
          .thenThrows('MEETING.NOT_ATTENDING'));

      it('rejects withdrawing the same attendance twice', () =>
        spec
          .given([scheduled, attended('eli'), withdrawn('eli')])
          .when(command('WithdrawAttendance', { personId: 'eli' }))
          .thenThrows('MEETING.NOT_ATTENDING'));

      it('records someone again after a withdrawal', () =>
        spec
          .given([scheduled, attended('eli'), withdrawn('eli')])
          .when(command('RecordAttendance', { personId: 'eli' }))
          .then([attended('eli')]));

      it('withdraws each id the person was recorded under, merged ones included', () =>
        spec
          .given([scheduled, attended('eli-old'), attended('eli'), attended('siri')])
          .when(command('WithdrawAttendance', { personId: 'eli', mergedIds: ['eli-old', 'never-there'] }))
          .then([withdrawn('eli'), withdrawn('eli-old')]));

      it('withdraws attendance recorded only under a merged id', () =>
        spec
          .given([scheduled, attended('eli-old')])
          .when(command('WithdrawAttendance', { personId: 'eli', mergedIds: ['eli-old'] }))
          .then([withdrawn('eli-old')]));
    });

    it('holds the meeting', () => spec.given([scheduled]).when(command('HoldMeeting', {})).then([held]));

    it('holds it from the minute it begins, and not before', () => {
      const at = (now: string) => ({ ...command('HoldMeeting', {}), metadata: testMetadata({ now }) });
      spec.given([scheduled]).when(at(startsAt)).then([held]);
      spec.given([scheduled]).when(at('2025-03-20T08:59:59.000Z')).thenThrows('MEETING.NOT_STARTED');
      spec.given([scheduled]).when(at('2025-02-01T12:00:00.000Z')).thenThrows('MEETING.NOT_STARTED');
    });

    it('rejects approving minutes of a meeting not yet held', () =>
      spec.given([scheduled]).when(command('ApproveMinutes', {})).thenThrows('MEETING.NOT_HELD'));
  });

  describe('when held', () => {
    it.each<MeetingsCommand>([
      command('RescheduleMeeting', { startsAt: '2025-03-27T09:00:00.000Z' }),
      command('CancelMeeting', {}),
      command('HoldMeeting', {}),
      // Its minutes refer to the items by the numbers they had.
      command('RenumberAgendaItem', { itemId: 'i-1', number: 2 }),
    ])('rejects $type', (cmd) =>
      spec
        .given([scheduled, itemAdded('i-1', 1), held])
        .when(cmd)
        .thenThrows('MEETING.ALREADY_HELD'),
    );

    it('still takes agenda items, deferrals and attendance from the minutes', () => {
      spec
        .given([scheduled, held])
        .when(command('AddAgendaItem', { itemId: 'i-1', title: 'Sak i-1', kind: 'discussion' }))
        .then([itemAdded('i-1')]);
      spec
        .given([scheduled, itemAdded('i-1'), held])
        .when(command('DeferAgendaItem', { itemId: 'i-1' }))
        .then([deferred('i-1')]);
      spec
        .given([scheduled, held])
        .when(command('RecordAttendance', { personId: 'eli' }))
        .then([attended('eli')]);
    });

    it('withdraws attendance while the minutes are not approved', () =>
      spec
        .given([scheduled, attended('eli'), held])
        .when(command('WithdrawAttendance', { personId: 'eli' }))
        .then([withdrawn('eli')]));

    it('rejects withdrawing attendance once the minutes are approved: they are final', () =>
      spec
        .given([scheduled, attended('eli'), held, approved])
        .when(command('WithdrawAttendance', { personId: 'eli' }))
        .thenThrows('MEETING.MINUTES_FINAL'));

    describe('and its minutes are approved', () => {
      const approvedAt: MeetingsEvent = {
        type: 'MinutesApproved',
        data: { meetingId, atMeetingId: 'meeting-2025-05-08' },
      };

      it.each([
        ['at a later meeting', approvedAt],
        ['another way', approved],
      ])('rejects recording someone new once they are approved %s: they are final', (_how, approval) =>
        spec
          .given([scheduled, attended('eli'), held, approval])
          .when(command('RecordAttendance', { personId: 'kari' }))
          .thenThrows('MEETING.MINUTES_FINAL'),
      );

      it('rejects a change in how someone attended, or whom they stood in for', () => {
        spec
          .given([scheduled, attended('eli'), held, approved])
          .when(command('RecordAttendance', { personId: 'eli', remote: true }))
          .thenThrows('MEETING.MINUTES_FINAL');
        spec
          .given([scheduled, attended('eli'), held, approved])
          .when(command('RecordAttendance', { personId: 'eli', substituteFor: 'per' }))
          .thenThrows('MEETING.MINUTES_FINAL');
      });

      it('ignores the same attendance again, which changes nothing', () =>
        spec
          .given([scheduled, attended('eli', true), held, approved])
          .when(command('RecordAttendance', { personId: 'eli', remote: true }))
          .then([]));
    });

    it('approves the minutes at a later meeting', () =>
      spec
        .given([scheduled, held])
        .when(command('ApproveMinutes', { atMeetingId: 'meeting-2025-05-08' }))
        .then([{ type: 'MinutesApproved', data: { meetingId, atMeetingId: 'meeting-2025-05-08' } }]));

    it('approves the minutes outside a meeting', () =>
      spec
        .given([scheduled, held])
        .when(command('ApproveMinutes', {}))
        .then([{ type: 'MinutesApproved', data: { meetingId, atMeetingId: null } }]));

    it('rejects approving the minutes twice', () =>
      spec
        .given([scheduled, held, { type: 'MinutesApproved', data: { meetingId, atMeetingId: null } }])
        .when(command('ApproveMinutes', {}))
        .thenThrows('MEETING.MINUTES_ALREADY_APPROVED'));
  });

  describe('when cancelled', () => {
    it.each<MeetingsCommand>([
      command('HoldMeeting', {}),
      command('RescheduleMeeting', { startsAt: '2025-03-27T09:00:00.000Z' }),
      command('AddAgendaItem', { itemId: 'i-1', title: 'Eventuelt' }),
      command('RecordAttendance', { personId: 'eli' }),
      command('WithdrawAttendance', { personId: 'eli' }),
      command('IssueNotice', {}),
      command('CancelMeeting', {}),
      command('RenumberAgendaItem', { itemId: 'i-1', number: 2 }),
    ])('rejects $type', (cmd) =>
      spec.given([scheduled, cancelled]).when(cmd).thenThrows('MEETING.CANCELLED'),
    );

    it('rejects approving minutes', () =>
      spec.given([scheduled, cancelled]).when(command('ApproveMinutes', {})).thenThrows('MEETING.NOT_HELD'));

    it('still lets an item be deferred to the next meeting', () =>
      spec
        .given([scheduled, itemAdded('i-1', 1), cancelled])
        .when(command('DeferAgendaItem', { itemId: 'i-1' }))
        .then([deferred('i-1')]));
  });

  describe('its state', () => {
    const fold = (events: MeetingsEvent[]): MeetingState =>
      events.reduce(meetingsDecider.evolve, meetingsDecider.initialState());

    it('keeps the details, the agenda in order, attendance by person and the status', () => {
      expect(
        fold([
          scheduled,
          {
            type: 'MeetingRescheduled',
            data: {
              meetingId,
              startsAt: '2025-03-27T09:00:00.000Z',
              endsAt: null,
              previousStartsAt: startsAt,
            },
          },
          itemAdded('i-2', 2),
          itemAdded('i-1', 1),
          renumbered('i-1', 3, 1),
          deferred('i-2'),
          { type: 'NoticeIssued', data: { meetingId } },
          attended('eli'),
          attended('siri', true, 'odd'),
          held,
          { type: 'MinutesApproved', data: { meetingId, atMeetingId: 'meeting-next' } },
        ]),
      ).toEqual({
        status: 'held',
        meetingId,
        groupId,
        title: 'Møte i faggruppe helse',
        startsAt: '2025-03-27T09:00:00.000Z',
        endsAt: null,
        location: 'Sørfjord kulturhus',
        online: false,
        agenda: [
          { itemId: 'i-2', number: 2, title: 'Sak i-2', kind: 'discussion', deferred: true },
          { itemId: 'i-1', number: 3, title: 'Sak i-1', kind: 'discussion', deferred: false },
        ],
        attendance: {
          eli: { remote: false, substituteFor: null },
          siri: { remote: true, substituteFor: 'odd' },
        },
        noticeIssued: true,
        minutesApproved: true,
        minutesApprovedAtMeetingId: 'meeting-next',
      });
    });

    it('drops withdrawn attendance, and keeps the rest', () => {
      const state = fold([scheduled, attended('eli'), attended('siri', true, 'odd'), withdrawn('eli')]);
      expect(state.status !== 'none' && state.attendance).toEqual({
        siri: { remote: true, substituteFor: 'odd' },
      });
    });

    it('keeps the reason a meeting was cancelled', () => {
      expect(
        fold([scheduled, { type: 'MeetingCancelled', data: { meetingId, reason: 'Sykdom' } }]),
      ).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'Sykdom',
      });
    });
  });
});
