/** The stream of one group: `group-<id>`. */
export const groupStream = (groupId: string) => `group-${groupId}`;
