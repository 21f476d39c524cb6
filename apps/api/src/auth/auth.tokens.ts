/** The SQLite store of sign-in links, sessions, personal tokens and admin grants. */
export const AUTH_STORE = Symbol('AUTH_STORE');
/** Sends sign-in e-mails (the same SMTP settings as the reminders). */
export const SIGN_IN_MAILER = Symbol('SIGN_IN_MAILER');
