import { seg } from '../shared/format';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { Checkbox, Field, Form } from '../shared/form';
import { formCtx, type FormState } from './record-form';

export interface ScheduleView {
  group: { id: string; name: string };
  form: FormState | null;
}

/** A new meeting of a group: title, date, times and place. */
export function scheduleView(view: ScheduleView, page: PageContext) {
  const r = page.m.record;
  const f = formCtx('schedule', view.form, page);
  return (
    <Layout page={page} title={r.scheduleTitle(view.group.name)}>
      <h1 class="ds-heading" data-size="lg">
        {r.scheduleHeading}
      </h1>
      <p class="ds-paragraph lead">
        <a class="ds-link" href={`/grupper/${seg(view.group.id)}`}>
          {view.group.name}
        </a>
      </p>
      <Form
        class="record-form"
        f={f}
        action={`/grupper/${seg(view.group.id)}/nytt-mote`}
        submit={r.action.schedule}
      >
        <Field f={f} name="title" label={r.field.title} maxLength={200} />
        <Field f={f} name="date" label={r.field.date} type="date" required />
        <Field f={f} name="startTime" label={r.field.startTime} type="time" required />
        <Field f={f} name="endTime" label={r.field.endTime} type="time" />
        <Field f={f} name="location" label={r.field.location} maxLength={200} />
        <Checkbox f={f} name="online" label={r.field.online} />
      </Form>
    </Layout>
  );
}
