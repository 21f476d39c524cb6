/** The stream of one commitment; the `commitment` category collects them all. */
export const commitmentStream = (commitmentId: string) => `commitment-${commitmentId}`;
