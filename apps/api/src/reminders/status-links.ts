import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { decide } from '@tilneste/access';
import { Application, CommandContext } from '@tilneste/application';
import { DomainError } from '@tilneste/domain-kit';
import { PreconditionFailedError } from '@tilneste/event-sourcing';
import { EVENT_STORE, StreamNotFoundError, type EventStore } from '@tilneste/event-store';
import type { Messages } from '@tilneste/i18n';
import { ReadModelHost } from '@tilneste/projections';
import { linkId, statusLinkStanding, type StatusLinkClaims } from '@tilneste/reminders';
import { reportWorkingGroupStatusData, workingGroupStream } from '@tilneste/working-groups';
import { AccessService } from '../auth/access.service';
import {
  blankToNull,
  formStateOf,
  formStatus,
  text,
  validate,
  valuesOf,
  type FormState,
} from '../web/record/record-form';
import { postedFormKey } from '../web/shared/form-key';
import {
  STATUS_FORM,
  type StatusLinkGroup,
  type StatusLinkPage,
} from '../web/reminder-link/status-link.view';

export type StatusOutcome = { status: number; page: StatusLinkPage };

/** A lost race with another write to the working group is checked again, a few times, never written blind. */
const ATTEMPTS = 3;

type ReportData = z.output<typeof reportWorkingGroupStatusData>;
type RecordedReport = { status: string; text: string | null };

/** Whether a post says what the report its rendering recorded said (blank text is stored as null). */
const sameReport = (recorded: RecordedReport, data: ReportData) =>
  recorded.status === data.status && (recorded.text ?? null) === (data.text || null);

/** Where a status link's rules stand, read from the working group's own stream as its command will see it. */
interface Seen {
  refusal: StatusOutcome | null;
  /** The stream's revision: the report is appended only if nothing was written since. */
  revision: bigint | undefined;
  /** What this rendering of the form (its cause) recorded already, if it did. */
  recorded: RecordedReport | null;
}

/**
 * What a reminder's status link does: the working group's lead reports its status without signing in, through
 * the application layer, as the lead, via the e-mail link. The link works until it expires, so a lead may
 * correct a report; each rendering of its form carries a key, and a second post of the same rendering (a
 * double click, a reload) answers as the first did and records nothing more. The rules (the link's person
 * still leads it, it is not dissolved) are read from the stream when the page is shown and again, with the
 * revision the report is appended at, when it posts.
 */
@Injectable()
export class StatusLinks {
  constructor(
    private readonly app: Application,
    private readonly readModels: ReadModelHost,
    private readonly access: AccessService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The page the link opens: the form while the link's person leads the working group, else why not. */
  async show(claims: StatusLinkClaims, formAction: string): Promise<StatusOutcome> {
    const seen = await this.seen(claims, null);
    return seen.refusal ?? this.form(claims, formAction, null, 200);
  }

  /**
   * The form posted: recorded once per rendering of the form, or refused with the errors beside their fields
   * (and a fresh key, so the form sent again records).
   */
  async report(
    claims: StatusLinkClaims,
    token: string,
    body: unknown,
    formAction: string,
    m: Messages,
  ): Promise<StatusOutcome> {
    const values = valuesOf(body, ['status', 'text']);
    const input = this.input(claims, body, values, m);
    // This link and this rendering of its form: the cause of what it records.
    const causeOf = (key: string) => `${linkId(token)}:${key}`;
    const cause = input.ok ? causeOf(input.key) : null;
    for (let attempt = 1; ; attempt++) {
      // The rules first: a link that no longer holds says so, whatever was typed.
      const seen = await this.seen(claims, cause);
      if (seen.refusal) return seen.refusal;
      if (!input.ok) return this.form(claims, formAction, input.state, input.status);
      if (seen.recorded) {
        // A second post of one rendering answers as the first did; with other content (the form filled in
        // again after going back to it) it is refused, as the signed-in forms refuse a key used before.
        if (sameReport(seen.recorded, input.data)) return this.recorded(claims, formAction);
        const state = { form: STATUS_FORM, values, errors: [], formError: m.form.sentBefore };
        return this.form(claims, formAction, state, 409);
      }
      try {
        await this.context(claims, causeOf(input.key), seen.revision).run('workingGroup', {
          type: 'ReportWorkingGroupStatus',
          data: input.data,
        });
        return this.recorded(claims, formAction);
      } catch (error) {
        // Written to since it was read (a lead change, a dissolution, this very form's twin): check again.
        if (error instanceof PreconditionFailedError && attempt < ATTEMPTS) continue;
        if (error instanceof DomainError && error.code === 'WORKING_GROUP.DISSOLVED')
          return this.refusal(claims, 'dissolved');
        throw error;
      }
    }
  }

  /** The posted form as the command's data and the rendering's key, or the form's state to show again. */
  private input(
    claims: StatusLinkClaims,
    body: unknown,
    values: FormState['values'],
    m: Messages,
  ): { ok: true; data: ReportData; key: string } | { ok: false; state: FormState; status: number } {
    const posted = postedFormKey(body);
    // A post without the field (a script) records once per post; a key this page did not make is refused.
    const key = posted === undefined ? randomUUID() : posted;
    if (key === null)
      return {
        ok: false,
        state: { form: STATUS_FORM, values, errors: [], formError: m.errors.badRequestBody },
        status: 400,
      };
    try {
      // The signed-in form's fields and schema: the command's own.
      const data = validate(reportWorkingGroupStatusData, {
        workingGroupId: claims.workingGroupId,
        meetingId: null,
        status: text(body, 'status'),
        text: blankToNull(text(body, 'text')),
      });
      return { ok: true, data, key };
    } catch (error) {
      const state = formStateOf(error, STATUS_FORM, values, { status: 'status', text: 'text' }, m);
      if (!state) throw error;
      return { ok: false, state, status: formStatus(error) };
    }
  }

  /**
   * Recorded as the lead, through the e-mail link, with this link and this rendering of the form as the cause
   * (and the seed of the event's id, so two racing posts of it append one event), at the revision the rules
   * were read at.
   */
  private context(claims: StatusLinkClaims, cause: string, revision: bigint | undefined): CommandContext {
    const started = CommandContext.start(this.app, { kind: 'person', id: claims.personId }, 'email-link', {
      causationId: cause,
      key: cause,
    });
    return new CommandContext(this.app, started.metadata, revision, cause);
  }

  private async seen(claims: StatusLinkClaims, cause: string | null): Promise<Seen> {
    const stream = workingGroupStream(claims.workingGroupId);
    const { state, revision } = await this.app.handlers.workingGroup.load(stream);
    const subject =
      state.status === 'none'
        ? undefined
        : { dissolved: state.status === 'dissolved', leadPersonId: state.leadPersonId };
    const standing = statusLinkStanding(claims, subject);
    if (standing !== 'live')
      return { refusal: this.refusal(claims, standing, subject?.leadPersonId), revision, recorded: null };
    // Read after the state: whatever the state saw is here too.
    const recorded = cause === null ? null : await this.causedBy(stream, cause);
    return { refusal: null, revision, recorded };
  }

  private async causedBy(stream: string, cause: string): Promise<RecordedReport | null> {
    try {
      for await (const event of this.store.readStream(stream)) {
        const meta = (event.metadata ?? {}) as { causationId?: string | null };
        if (meta.causationId === cause && event.type === 'WorkingGroupStatusReported')
          return event.data as RecordedReport;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return null;
  }

  private refusal(
    claims: StatusLinkClaims,
    reason: 'not-found' | 'dissolved' | 'lead-changed',
    leadPersonId: string | null = null,
  ): StatusOutcome {
    const personName = this.personName(claims.personId);
    if (reason === 'not-found') return { status: 404, page: { kind: 'refused', reason, personName } };
    if (reason === 'dissolved') return { status: 410, page: { kind: 'refused', reason, personName } };
    return {
      status: 409,
      page: { kind: 'refused', reason, personName, lead: this.leadTheyMayKnow(claims, leadPersonId) },
    };
  }

  /**
   * Who leads the working group now, named only to a person who may read its page (the group's members, an
   * admin): the link's person no longer leads it, so leading it no longer lets them in.
   */
  private leadTheyMayKnow(claims: StatusLinkClaims, leadPersonId: string | null): string | null {
    const { catalog } = this.readModels;
    const workingGroup = catalog.workingGroups.get(claims.workingGroupId);
    if (!leadPersonId || !workingGroup || !catalog.people.has(claims.personId)) return null;
    const reader = this.access.personPrincipal(claims.personId);
    const mayRead = decide(reader, 'group.read', {
      kind: 'working-group',
      groupId: workingGroup.groupId,
      leadPersonId,
    }).allow;
    return mayRead ? this.personName(leadPersonId) : null;
  }

  private form(
    claims: StatusLinkClaims,
    formAction: string,
    refused: FormState | null,
    status: number,
  ): StatusOutcome {
    return {
      status,
      page: {
        kind: 'form',
        personName: this.personName(claims.personId),
        workingGroup: this.shown(claims),
        formAction,
        refused,
      },
    };
  }

  private recorded(claims: StatusLinkClaims, formAction: string): StatusOutcome {
    return {
      status: 200,
      page: {
        kind: 'recorded',
        personName: this.personName(claims.personId),
        workingGroup: this.shown(claims),
        again: formAction,
      },
    };
  }

  /** The working group as the read model has it (the report just recorded included: the write waits for it). */
  private shown(claims: StatusLinkClaims): StatusLinkGroup {
    const wg = this.readModels.catalog.workingGroups.get(claims.workingGroupId);
    return {
      name: wg?.name ?? '',
      status: wg?.status ?? 'not-started',
      statusText: wg?.statusText ?? null,
      statusReportedAt: wg?.statusReportedAt ?? null,
    };
  }

  private personName(personId: string): string | null {
    return this.readModels.catalog.people.get(personId)?.name ?? null;
  }
}
