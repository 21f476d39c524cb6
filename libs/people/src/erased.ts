/**
 * What a name, an alias or a person's own free text reads as once the person is erased (their e-mail address
 * reads as null). The pages show it through the message catalogue ("erased person" in English). A file of its
 * own, without zod, for the read-ahead thread that opens sealed fields (`@tilneste/people/erased`).
 */
export const ERASED_PERSON = 'slettet person';
