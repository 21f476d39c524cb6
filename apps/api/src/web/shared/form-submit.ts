import type { Request, Response } from 'express';
import type { CommandContext } from '@tilneste/application';
import type { Messages } from '@tilneste/i18n';
import type { WriteService } from '../../http/write.service';
import { FormInvalid, formStateOf, formStatus, type FieldMap, type FormState } from '../record/record-form';
import { adoptFormKey } from './form-key';

/** One form of a page: what it changes, and how a refusal of it is shown. */
export interface FormSubmission {
  /** Which form on the page, so only that one shows the errors. */
  form: string;
  /** The posted fields, as the form shows them again. */
  values: FormState['values'];
  /** A command's field path → the form field that holds it. */
  fields: FieldMap;
  /** A broken rule's code → the form field it belongs beside. */
  codeFields?: Record<string, string>;
  /**
   * A field's own words for its error in the reader's language, where the general one would not say what to
   * do (a box left unticked). Only for what was wrong with the field itself: a broken rule shown beside the
   * field keeps the rule's own words.
   */
  messages?: (m: Messages) => Record<string, string>;
  /** The command(s), run as the reader, from the web. */
  write: (ctx: CommandContext) => Promise<unknown>;
}

/**
 * Runs a page form's write through the API's write path (the form's key makes a second post of it answer as
 * the first did; the reader is the actor, `via: 'web'`), then redirects to `done`. Refused by a schema or a
 * rule, nothing is stored and `refused` draws the page again with the form's state and status; anything
 * else (no such record, no right to it) is rethrown for the page error filter.
 */
export async function submitForm(
  req: Request,
  res: Response,
  writes: WriteService,
  m: Messages,
  submission: FormSubmission,
  done: string,
  refused: (state: FormState, status: number) => Promise<void> | void,
): Promise<void> {
  try {
    adoptFormKey(req);
    await writes.handle(req, res, async (ctx) => {
      await submission.write(ctx.as({ via: 'web' }));
      return { status: 303, body: {} };
    });
  } catch (error) {
    const state = formStateOf(
      error,
      submission.form,
      submission.values,
      submission.fields,
      m,
      submission.codeFields,
    );
    if (!state) throw error;
    const own = (error instanceof FormInvalid && submission.messages?.(m)) || {};
    state.errors = state.errors.map((e) => (own[e.field] ? { ...e, message: own[e.field] } : e));
    return refused(state, formStatus(error));
  }
  res.redirect(303, done);
}
