export interface OutgoingMail {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** `<…@…>`, deterministic per reminder version. */
  messageId: string;
  /** Extra headers: Auto-Submitted, List-Unsubscribe and the like. */
  headers?: Record<string, string>;
  attachments: { filename: string; content: string; contentType: string }[];
}

/**
 * What became of one send. `unreachable`: nothing was handed to the server, safe to retry.
 * `ambiguous`: the whole message was handed over but no final reply came; it may have been delivered.
 */
export type SendOutcome =
  | { kind: 'sent'; response: string }
  | { kind: 'rejected'; permanent: boolean; responseCode: number; response: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'ambiguous'; reason: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): Promise<void>;
}

export const MAILER = Symbol('MAILER');

/**
 * Classifies a failed SMTP send. A reply code decides when there is one (5xx final except 503,
 * 4xx transient); without one, it depends on whether the message data had been handed over.
 */
export function classifySmtpError(
  error: { code?: string; responseCode?: number; response?: string; message?: string },
  dataHandedOver: boolean,
): SendOutcome {
  const reason = `${error.code ?? 'ERROR'}: ${error.message ?? ''}`.trim();
  if (typeof error.responseCode === 'number' && error.responseCode >= 400) {
    const permanent = error.responseCode >= 500 && error.responseCode !== 503;
    return {
      kind: 'rejected',
      permanent,
      responseCode: error.responseCode,
      response: error.response ?? reason,
    };
  }
  return dataHandedOver ? { kind: 'ambiguous', reason } : { kind: 'unreachable', reason };
}
