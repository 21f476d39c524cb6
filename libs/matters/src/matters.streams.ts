/** The stream of one matter; the `matter` category collects them all. */
export const matterStream = (matterId: string) => `matter-${matterId}`;
