/** The stream of one working group; the `workinggroup` category collects them all (no dash inside it). */
export const workingGroupStream = (workingGroupId: string) => `workinggroup-${workingGroupId}`;
