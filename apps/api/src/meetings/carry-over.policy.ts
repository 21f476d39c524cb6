import { Injectable } from '@nestjs/common';
import { dueMeeting, ReadModelHost } from '@tilneste/projections';
import type { WriteContext } from '../http/write.service';

/** When a meeting is held, each open commitment due at it is carried over: one event each, idempotent. */
@Injectable()
export class CarryOverPolicy {
  constructor(private readonly readModels: ReadModelHost) {}

  async afterHeld(ctx: WriteContext, meetingId: string, heldEvent: string): Promise<string[]> {
    const catalog = this.readModels.catalog;
    // A commitment is only ever due at its own group's meetings (the API refuses another group's), so the
    // group's commitments are all there is to look at, not every commitment in the store.
    const groupId = catalog.meetings.get(meetingId)?.groupId;
    const due = [...(catalog.groups.get(groupId ?? '')?.commitmentIds ?? [])]
      .map((id) => catalog.commitments.get(id)!)
      .filter((c) => c.status === 'open' && dueMeeting(catalog, c)?.id === meetingId);
    for (const c of due) {
      // Each carry-over names the MeetingHeld event (stream@revision) as its cause.
      await ctx.run(
        'commitment',
        'CarryOverCommitment',
        { commitmentId: c.id, fromMeetingId: meetingId },
        { useIfMatch: false, causationId: heldEvent },
      );
    }
    return due.map((c) => c.id);
  }
}
