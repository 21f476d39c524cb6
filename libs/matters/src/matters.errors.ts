import { DomainError } from '@tilneste/domain-kit';

/** The broken rules of a matter, each with a stable code. */
export const matterErrors = {
  alreadyOpened: (matterId: string) =>
    new DomainError('MATTER.ALREADY_OPENED', 'Saken er allerede opprettet', 'conflict', { matterId }),
  notFound: (matterId: string) =>
    new DomainError('MATTER.NOT_FOUND', 'Saken finnes ikke', 'not_found', { matterId }),
  closed: (matterId: string) =>
    new DomainError('MATTER.CLOSED', 'Saken er avsluttet og kan ikke endres', 'conflict', { matterId }),
  decisionNotFound: (matterId: string, decisionId: string) =>
    new DomainError('MATTER.DECISION_NOT_FOUND', 'Vedtaket finnes ikke i denne saken', 'not_found', {
      matterId,
      decisionId,
    }),
  decisionAlreadyRecorded: (matterId: string, decisionId: string) =>
    new DomainError('MATTER.DECISION_ALREADY_RECORDED', 'Vedtaket er allerede registrert', 'conflict', {
      matterId,
      decisionId,
    }),
  amendmentUnchanged: (matterId: string, decisionId: string) =>
    new DomainError('MATTER.AMENDMENT_UNCHANGED', 'Endringen gir samme vedtakstekst som før', 'conflict', {
      matterId,
      decisionId,
    }),
  proposalUnchanged: (matterId: string) =>
    new DomainError('MATTER.PROPOSAL_UNCHANGED', 'Forslaget har allerede denne teksten', 'conflict', {
      matterId,
    }),
};

export const mattersErrors = matterErrors;
