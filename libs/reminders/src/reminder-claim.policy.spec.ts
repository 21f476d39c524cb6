import {
  decideClaim,
  decideResend,
  emptyReminderStream,
  evolveReminderStream,
} from './reminder-claim.policy';
import type { ReminderEvent } from './reminders.events';

const key = { meetingId: 'm1', groupId: 'g1', recipientId: 'p1', offset: 'P7D', version: 1 };
const claimed = (version = 1, leaseUntil = '2025-03-20T10:05:00Z'): ReminderEvent => ({
  type: 'ReminderClaimed',
  data: { ...key, version, claimId: 'k1', messageId: '<m@x>', commitmentIds: ['c1'], leaseUntil },
});
const fold = (events: ReminderEvent[]) =>
  events.reduce((s, e, i) => evolveReminderStream(s, e, BigInt(i)), emptyReminderStream());
const now = new Date('2025-03-20T10:00:00Z');

describe('Reminder claim', () => {
  it('claims a reminder nobody has touched, and again after a released attempt', () => {
    expect(decideClaim(emptyReminderStream(), 1, now)).toEqual({ kind: 'claim' });
    const released = fold([
      claimed(),
      { type: 'ReminderAttemptFailed', data: { ...key, claimId: 'k1', reason: '421', attempt: 1 } },
    ]);
    expect(decideClaim(released, 1, now)).toEqual({ kind: 'claim' });
  });

  it('never sends a version again once it is sent, failed or needs attention', () => {
    const sent = fold([
      claimed(),
      {
        type: 'ReminderSent',
        data: { ...key, claimId: 'k1', messageId: '<m@x>', commitmentIds: [], response: '250' },
      },
    ]);
    expect(decideClaim(sent, 1, now)).toEqual({ kind: 'settled', status: 'sent' });
    const failed = fold([
      claimed(),
      {
        type: 'ReminderFailed',
        data: { ...key, claimId: 'k1', messageId: null, reason: '550', permanent: true },
      },
    ]);
    expect(decideClaim(failed, 1, now)).toEqual({ kind: 'settled', status: 'failed' });
  });

  it('waits for a live claim, and flags one that outlived its lease instead of resending', () => {
    expect(decideClaim(fold([claimed()]), 1, now)).toEqual({ kind: 'busy', until: '2025-03-20T10:05:00Z' });
    expect(decideClaim(fold([claimed(1, '2025-03-20T09:59:00Z')]), 1, now)).toEqual({
      kind: 'orphaned',
      claimId: 'k1',
      messageId: '<m@x>',
    });
  });

  it('treats a moved meeting as a new reminder', () => {
    expect(decideClaim(fold([claimed(1, '2025-03-20T09:00:00Z')]), 2, now)).toEqual({ kind: 'claim' });
  });

  describe('when a person asks to send one needing attention again', () => {
    const attention: ReminderEvent = {
      type: 'ReminderNeedsAttention',
      data: { ...key, claimId: 'k1', messageId: '<m@x>', reason: 'lost' },
    };
    const requested = (resend: number): ReminderEvent => ({
      type: 'ReminderResendRequested',
      data: { ...key, requestedBy: 'siri', resend, note: null },
    });

    it('allows the first request, at the stream revision it read', () => {
      expect(decideResend(fold([claimed(), attention]), 1)).toEqual({
        kind: 'resend',
        resend: 1,
        expectedRevision: 1n,
      });
    });

    it('makes the version claimable once more, and refuses a second request until it needs attention again', () => {
      const asked = fold([claimed(), attention, requested(1)]);
      expect(decideClaim(asked, 1, now)).toEqual({ kind: 'claim' });
      expect(decideResend(asked, 1)).toEqual({ kind: 'refused', status: 'resend-requested' });
      const claimedAgain = fold([claimed(), attention, requested(1), claimed()]);
      expect(decideResend(claimedAgain, 1)).toEqual({ kind: 'refused', status: 'claimed' });
      const again = fold([claimed(), attention, requested(1), claimed(), attention]);
      expect(decideResend(again, 1)).toEqual({ kind: 'resend', resend: 2, expectedRevision: 4n });
    });

    it('refuses one that was sent, failed, or never tried', () => {
      const sent = fold([
        claimed(),
        {
          type: 'ReminderSent',
          data: { ...key, claimId: 'k1', messageId: '<m@x>', commitmentIds: [], response: '250' },
        },
      ]);
      expect(decideResend(sent, 1)).toEqual({ kind: 'refused', status: 'sent' });
      expect(decideResend(emptyReminderStream(), 1)).toEqual({ kind: 'refused', status: 'none' });
    });
  });
});
