export { minutesParseCommand, EXIT as MINUTES_PARSE_EXIT } from './cli/parse-command';
export type { CommitmentDraft, OwnerKind } from './commitments';
export { SECRETARIAT_OWNER } from './commitments';
export { findDates, findDeadline, isoWeekSunday, parseTimeRange } from './dates';
export {
  agendaItemSchema,
  attendeeSchema,
  commitmentSchema,
  dueSchema,
  inviteeSchema,
  minutesDraftSchema,
  sourceRangeSchema,
  workingGroupSchema,
  type DraftAgendaItem,
  type DraftAttendee,
  type DraftCommitment,
  type DraftWorkingGroup,
  type MinutesDraft,
} from './draft.schema';
export { MAX_MINUTES_BYTES, MinutesImportError, type MinutesImportErrorCode } from './errors';
export { parseMinutes, type ParseMinutesOptions } from './parse-minutes';
export { resolvePersonName } from './people-lines';
export { readPdfText } from './pdf-text';
export { readDocumentFile } from './cli/parse-command';
export {
  DEFAULT_SANDBOX_LIMITS,
  parseInSandbox,
  type SandboxHooks,
  type SandboxLimits,
} from './sandbox/parse-sandbox';
export type { ParseJob, ParseOutcome } from './sandbox/parse-job';
export {
  decodeText,
  documentKindOf,
  sniffDocumentKind,
  unsupportedType,
  type DocumentKind,
  MAX_DOCX_UNCOMPRESSED,
  readDocxText,
  readMinutesFile,
  SUPPORTED_EXTENSIONS,
} from './read-document';
export type { SourceRange } from './text-normaliser';
