import { DomainError } from '@tilneste/domain-kit';
import { groupErrors } from '@tilneste/groups';
import { meetingErrors } from '@tilneste/meetings';
import { ForbiddenError } from '../../http/auth.errors';
import { toHttpError } from '../../http/error.filter';
import { ValidationError } from '../../http/validation';
import { errorView } from './error.view';
import { detailOf } from './page-error.filter';
import { renderDocument } from './render';
import { testPage } from './view-testing';

/** The error page a page route answers with, as the page error filter builds it. */
function errorPage(error: unknown, lang: 'nb' | 'en'): { status: number; html: string } {
  const { status, body } = toHttpError(error);
  const page = testPage(lang, '/moter/m1/registrer');
  const kind =
    status === 409 ? 'conflict' : status === 400 ? 'bad-request' : status === 404 ? 'not-found' : 'forbidden';
  return { status, html: renderDocument(errorView(kind, page, detailOf(status, body, page))) };
}

describe('an error page', () => {
  it('tells an English reader which rule was broken, in English', () => {
    const { status, html } = errorPage(meetingErrors.cancelled('m1'), 'en');
    expect(status).toBe(409);
    expect(html).toContain('The meeting is cancelled.');
    expect(html).not.toContain('avlyst');
  });

  it('tells a bokmål reader the same rule in bokmål, with what its details name', () => {
    expect(errorPage(meetingErrors.cancelled('m1'), 'nb').html).toContain('Møtet er avlyst.');
    const taken = errorPage(meetingErrors.itemNumberTaken('m1', 7), 'nb');
    expect(taken.html).toContain('Saksnummer 7 er allerede brukt i dette møtet.');
    const offset = errorPage(groupErrors.invalidReminderOffset('too_many', { count: 11 }), 'en');
    expect(offset.status).toBe(400);
    expect(offset.html).toContain('A group can have at most 10 reminders before a meeting.');
    expect(offset.html).not.toContain('påminnelser');
  });

  it("says what was not found, in the reader's language", () => {
    const { status, html } = errorPage(
      new DomainError('PERSON.NOT_FOUND', 'Personen p9 finnes ikke', 'not_found'),
      'en',
    );
    expect(status).toBe(404);
    expect(html).toContain('The person does not exist.');
    expect(html).not.toContain('Personen');
  });

  it('shows other bad input in bokmål on a bokmål page only', () => {
    const bad = { type: 'entity.parse.failed', status: 400 };
    expect(errorPage(bad, 'nb').html).toContain('Ugyldig JSON');
    expect(errorPage(bad, 'en').html).not.toContain('Ugyldig JSON');
  });

  it("speaks only the page's language: a bokmål page drops the API message's English gloss", () => {
    const invalid = new ValidationError([
      { path: ['text'], message: 'Teksten kan ikke være tom', code: 'custom' },
    ]);
    const nb = errorPage(invalid, 'nb');
    expect(nb.status).toBe(400);
    expect(nb.html).toContain('<p class="ds-paragraph muted">Ugyldig forespørsel</p>');
    expect(nb.html).not.toContain('invalid request');
    const en = errorPage(invalid, 'en').html;
    expect(en).not.toContain('Ugyldig');
    expect(en).not.toContain('invalid request');
    expect(errorPage({ type: 'entity.parse.failed', status: 400 }, 'nb').html).not.toContain('malformed');
  });

  it("keeps a refusal's reason to itself", () => {
    const { status, html } = errorPage(new ForbiddenError('bare for administrator (admin only)'), 'nb');
    expect(status).toBe(403);
    expect(html).not.toContain('bare for administrator');
  });
});
