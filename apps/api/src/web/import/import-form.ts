import type { Messages } from '@tilneste/i18n';
import {
  minutesDraftSchema,
  type DraftAgendaItem,
  type DraftCommitment,
  type MinutesDraft,
} from '@tilneste/minutes-import';

/** A posted form: field name → value (the names are flat: `item.2.commitment.0.owner`). */
export type FormValues = Record<string, string>;

export interface FieldError {
  /** The form field it belongs to, or null for the form as a whole. */
  field: string | null;
  message: string;
}

export type OwnerChoice = 'person' | 'working-group' | 'secretariat' | 'none';
export type DueChoice = 'next-meeting' | 'date' | 'none';

/** The form's field for a field name: `item.2.commitment.0.owner` → `f-item-2-commitment-0-owner`. */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** Reads a urlencoded body into flat strings (the first of repeated values); anything else is dropped. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

export function ownerChoiceOf(c: DraftCommitment): OwnerChoice {
  if (c.ownerKind === 'secretariat' || (c.owner && /^sekretariatet$/i.test(c.owner.trim())))
    return 'secretariat';
  if (c.workingGroup || c.ownerKind === 'body') return 'working-group';
  if (c.owner) return 'person';
  return 'none';
}

export function dueChoiceOf(c: DraftCommitment): DueChoice {
  if (c.due === 'next-meeting') return 'next-meeting';
  return c.due ? 'date' : 'none';
}

export const ownerNameOf = (c: DraftCommitment): string => c.workingGroup ?? c.owner ?? '';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T12:00:00Z`));

/** The decisions of an item as text and kind, however the parser gave them. */
export function decisionsOf(item: DraftAgendaItem) {
  return (
    item.decisionDetails ??
    item.decisions.map((text) => ({ text, kind: 'approved' as const, source: item.source }))
  );
}

/** A commitment as the form describes it; `prefix` is the field names' common start. */
function commitmentFrom(
  values: FormValues,
  prefix: string,
  base: DraftCommitment | null,
  m: Messages,
  errors: FieldError[],
): DraftCommitment {
  const t = m.importPage.errors;
  const text = (values[`${prefix}.text`] ?? '').trim();
  const owner = (values[`${prefix}.owner`] ?? '').trim();
  const kind = (values[`${prefix}.ownerKind`] ?? 'person') as OwnerChoice;
  const dueKind = (values[`${prefix}.dueKind`] ?? 'next-meeting') as DueChoice;
  const dueDate = (values[`${prefix}.dueDate`] ?? '').trim();
  if (!text) errors.push({ field: `${prefix}.text`, message: t.textRequired });
  if (text.length > 2000) errors.push({ field: `${prefix}.text`, message: t.tooLong });
  if ((kind === 'person' || kind === 'working-group') && !owner)
    errors.push({
      field: `${prefix}.owner`,
      message: kind === 'person' ? t.ownerRequired : t.workingGroupRequired,
    });
  if (owner.length > 300) errors.push({ field: `${prefix}.owner`, message: t.tooLong });
  if (dueKind === 'date' && !validDate(dueDate))
    errors.push({ field: `${prefix}.dueDate`, message: t.dateFormat });
  const ownerFields: Pick<DraftCommitment, 'owner' | 'ownerKind' | 'workingGroup'> =
    kind === 'secretariat'
      ? { owner: 'Sekretariatet', ownerKind: 'secretariat', workingGroup: null }
      : kind === 'working-group'
        ? { owner, ownerKind: 'body', workingGroup: owner }
        : kind === 'person'
          ? { owner, ownerKind: 'person', workingGroup: null }
          : { owner: null, ownerKind: 'unassigned', workingGroup: null };
  return {
    ...(base ?? {}),
    ...ownerFields,
    text: text || (base?.text ?? ''),
    due: dueKind === 'next-meeting' ? 'next-meeting' : dueKind === 'date' ? dueDate : null,
  };
}

const names = (list: string) =>
  list
    .split(/[,;\n]/)
    .map((n) => n.trim())
    .filter(Boolean);

export type EditResult =
  { ok: true; draft: MinutesDraft; rejectedMatches: string[] } | { ok: false; errors: FieldError[] };

/**
 * Applies a posted review form to the stored draft: the edited fields first, then the one action the button
 * named (add or remove a commitment, a decision or a working group). Nothing is applied unless all of it is
 * valid; the result is checked with the import's own draft schema.
 */
export function applyReviewForm(stored: MinutesDraft, values: FormValues, m: Messages): EditResult {
  const t = m.importPage.errors;
  const errors: FieldError[] = [];
  const draft: MinutesDraft = structuredClone(stored);
  const has = (name: string) => Object.prototype.hasOwnProperty.call(values, name);
  const changedOwners: { i: number; j: number; c: DraftCommitment }[] = [];

  if (has('meeting.date')) {
    const date = values['meeting.date'].trim();
    if (!validDate(date)) errors.push({ field: 'meeting.date', message: t.meetingDate });
    draft.meeting.date = date || null;
  }
  if (has('meeting.startTime')) {
    const time = values['meeting.startTime'].trim();
    if (time && !/^\d{2}:\d{2}$/.test(time))
      errors.push({ field: 'meeting.startTime', message: t.timeFormat });
    draft.meeting.startTime = time || null;
  }
  if (has('meeting.location')) draft.meeting.location = values['meeting.location'].trim() || null;

  draft.agendaItems.forEach((item, i) => {
    const p = `item.${i}`;
    if (has(`${p}.title`)) {
      const title = values[`${p}.title`].trim();
      if (!title) errors.push({ field: `${p}.title`, message: t.titleRequired });
      item.title = title || item.title;
      item.deferred = values[`${p}.deferred`] === 'on';
    }
    const decisions = decisionsOf(item).map((d, j) => {
      const q = `${p}.decision.${j}`;
      if (!has(`${q}.text`)) return d;
      const text = values[`${q}.text`].trim();
      if (!text) errors.push({ field: `${q}.text`, message: t.decisionRequired });
      const kind = values[`${q}.kind`];
      return {
        ...d,
        text: text || d.text,
        kind: kind === 'noted' || kind === 'adopted' || kind === 'approved' ? kind : d.kind,
      };
    });
    item.decisionDetails = decisions;
    item.decisions = decisions.map((d) => d.text);
    item.commitments = item.commitments.map((c, j) => {
      const q = `${p}.commitment.${j}`;
      if (!has(`${q}.text`)) return c;
      const edited = commitmentFrom(values, q, c, m, errors);
      if (ownerNameOf(edited) !== ownerNameOf(c) || edited.ownerKind !== c.ownerKind)
        changedOwners.push({ i, j, c: edited });
      return edited;
    });
  });

  draft.workingGroups = draft.workingGroups.map((wg, k) => {
    const p = `wg.${k}`;
    if (!has(`${p}.name`)) return wg;
    const name = values[`${p}.name`].trim();
    if (!name) errors.push({ field: `${p}.name`, message: t.groupNameRequired });
    const lead = (values[`${p}.lead`] ?? '').trim();
    return { ...wg, name: name || wg.name, lead: lead || null, members: names(values[`${p}.members`] ?? '') };
  });

  const rejectedMatches = Object.keys(values)
    .filter((k) => /^match\.\d+$/.test(k))
    .filter((k) => values[k] === 'reject')
    .map((k) => values[`${k}.name`])
    .filter((n): n is string => typeof n === 'string' && n.length > 0);

  const action = values.action ?? 'save';
  const index = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : -1);
  const [verb, a, b] = action.split(':');
  const item = draft.agendaItems[index(a)];
  if (errors.length === 0) {
    if (verb === 'add-commitment' && item) {
      const added = commitmentFrom(values, `new.${a}`, null, m, errors);
      if (!errors.length) item.commitments.push(added);
    } else if (verb === 'remove-commitment' && item && item.commitments[index(b)]) {
      item.commitments.splice(index(b), 1);
    } else if (verb === 'add-decision' && item) {
      const text = (values[`newdecision.${a}.text`] ?? '').trim();
      const kind = values[`newdecision.${a}.kind`];
      if (!text) errors.push({ field: `newdecision.${a}.text`, message: t.decisionRequired });
      else {
        item.decisionDetails = [
          ...decisionsOf(item),
          { text, kind: kind === 'noted' || kind === 'adopted' ? kind : 'approved' },
        ];
        item.decisions = item.decisionDetails.map((d) => d.text);
      }
    } else if (verb === 'remove-decision' && item && decisionsOf(item)[index(b)]) {
      item.decisionDetails = decisionsOf(item).filter((_, j) => j !== index(b));
      item.decisions = item.decisionDetails.map((d) => d.text);
    } else if (verb === 'add-wg') {
      const name = (values['newwg.name'] ?? '').trim();
      if (!name) errors.push({ field: 'newwg.name', message: t.groupNameRequired });
      else if (draft.workingGroups.some((w) => w.name.toLowerCase() === name.toLowerCase()))
        errors.push({ field: 'newwg.name', message: t.groupNameTaken });
      else
        draft.workingGroups.push({
          name,
          lead: (values['newwg.lead'] ?? '').trim() || null,
          members: names(values['newwg.members'] ?? ''),
          agendaItem: null,
        });
    } else if (verb === 'remove-wg' && draft.workingGroups[index(a)]) {
      draft.workingGroups.splice(index(a), 1);
    }
  }
  // A commitment given to a working group must name one of the draft's working groups (edited or added now).
  const groupNames = new Set(draft.workingGroups.map((w) => w.name.trim().toLowerCase()));
  const unknownGroup = (c: DraftCommitment) =>
    c.ownerKind === 'body' && !!c.workingGroup && !groupNames.has(c.workingGroup.trim().toLowerCase());
  changedOwners.forEach(({ i, j, c }) => {
    if (unknownGroup(c))
      errors.push({ field: `item.${i}.commitment.${j}.owner`, message: t.unknownWorkingGroup });
  });
  if (verb === 'add-commitment' && item && !errors.length) {
    const added = item.commitments.at(-1);
    if (added && unknownGroup(added)) {
      item.commitments.pop();
      errors.push({ field: `new.${a}.owner`, message: t.unknownWorkingGroup });
    }
  }
  if (errors.length) return { ok: false, errors };
  const checked = minutesDraftSchema.safeParse(draft);
  if (!checked.success)
    return {
      ok: false,
      errors: checked.error.issues.map((issue) => ({
        field: fieldOfPath(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))),
        message: t.invalid,
      })),
    };
  return { ok: true, draft: checked.data, rejectedMatches };
}

/** The form field a path in the draft names (as the draft schema and the import plan report them). */
export function fieldOfPath(path: (string | number)[]): string | null {
  const p = path[0] === 'draft' ? path.slice(1) : path;
  if (p[0] === 'meeting' && typeof p[1] === 'string') return `meeting.${p[1]}`;
  if (p[0] === 'agendaItems' && typeof p[1] === 'number') {
    const item = `item.${p[1]}`;
    if (p[2] === 'commitments' && typeof p[3] === 'number') {
      const leaf =
        p[4] === 'due' ? 'dueDate' : p[4] === 'owner' || p[4] === 'workingGroup' ? 'owner' : 'text';
      return `${item}.commitment.${p[3]}.${leaf}`;
    }
    if ((p[2] === 'decisionDetails' || p[2] === 'decisions') && typeof p[3] === 'number')
      return `${item}.decision.${p[3]}.text`;
    return `${item}.title`;
  }
  if (p[0] === 'workingGroups' && typeof p[1] === 'number') return `wg.${p[1]}.name`;
  return null;
}
