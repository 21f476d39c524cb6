/** The stream of one person: `person-<id>`. */
export const personStream = (personId: string) => `person-${personId}`;
