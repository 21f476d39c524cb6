/** Stable codes for what can go wrong in a minutes import. */
export type MinutesImportErrorCode =
  | 'MINUTES.TOO_LARGE'
  | 'MINUTES.NOT_TEXT'
  | 'MINUTES.UNSUPPORTED_TYPE'
  | 'MINUTES.DOCX_TOO_LARGE'
  | 'MINUTES.DOCX_UNREADABLE'
  | 'MINUTES.PDF_UNREADABLE'
  | 'MINUTES.PDF_NO_TEXT'
  | 'MINUTES.PARSE_TIMEOUT'
  | 'MINUTES.PARSE_TOO_COMPLEX';

/**
 * A refused or unreadable import. The message is Norwegian with English in parentheses; `details`, where there are
 * any, say more for a program (which limit a stopped parse ran into).
 */
export class MinutesImportError extends Error {
  constructor(
    readonly code: MinutesImportErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'MinutesImportError';
  }
}

/** Largest text (in characters) or file (in bytes) an import accepts. */
export const MAX_MINUTES_BYTES = 5 * 1024 * 1024;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export const tooLarge = (size: number) =>
  new MinutesImportError(
    'MINUTES.TOO_LARGE',
    `Dokumentet er for stort: ${mb(size)}, grensen er ${mb(MAX_MINUTES_BYTES)} (the document is too large).`,
  );
