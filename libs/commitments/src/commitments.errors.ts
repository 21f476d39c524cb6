import { DomainError } from '@tilneste/domain-kit';

/** The broken rules of a commitment, each with a stable code. */
export const commitmentErrors = {
  alreadyMade: (commitmentId: string) =>
    new DomainError('COMMITMENT.ALREADY_MADE', 'Oppfølgingspunktet er allerede registrert', 'conflict', {
      commitmentId,
    }),
  notFound: (commitmentId: string) =>
    new DomainError('COMMITMENT.NOT_FOUND', 'Oppfølgingspunktet finnes ikke', 'not_found', { commitmentId }),
  alreadyCompleted: (commitmentId: string) =>
    new DomainError('COMMITMENT.ALREADY_COMPLETED', 'Oppfølgingspunktet er allerede fullført', 'conflict', {
      commitmentId,
    }),
  withdrawn: (commitmentId: string) =>
    new DomainError('COMMITMENT.WITHDRAWN', 'Oppfølgingspunktet er trukket tilbake', 'conflict', {
      commitmentId,
    }),
};

export const commitmentsErrors = commitmentErrors;
