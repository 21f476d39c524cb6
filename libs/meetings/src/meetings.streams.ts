/** The stream of one meeting: `meeting-<id>`. */
export const meetingStream = (meetingId: string) => `meeting-${meetingId}`;
