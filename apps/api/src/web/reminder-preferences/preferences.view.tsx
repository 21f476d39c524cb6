import type { ReminderPreferences } from '@tilneste/people';
import { Checkbox, Choices, Fieldset, formScope, Submit } from '../shared/form';
import { Layout } from '../shared/layout';
import type { PageContext } from '../shared/page-context';
import { TasksOnward } from '../shared/parts';

/** What the page says above the form: the choices were saved, everything was turned off, or the link is not ours. */
export type PreferencesNotice = 'saved' | 'unsubscribed' | 'invalid';

export interface PreferencesPage {
  personName: string | null;
  /** Null when the link names nobody we know: then there is no form. */
  preferences: ReminderPreferences | null;
  notice: PreferencesNotice | null;
  action: string;
}

/**
 * The page behind List-Unsubscribe, in the common layout: which reminders a person gets. Its form posts
 * without script; the link's token is the authority, so there is no CSRF field.
 */
export function preferencesView(data: PreferencesPage, page: PageContext) {
  const p = page.m.reminders.preferences;
  const f = formScope(page, 'preferences', null);
  const prefs = data.preferences;
  return (
    <Layout page={page} title={p.title}>
      <h1 class="ds-heading" data-size="lg">
        {p.title}
      </h1>
      {data.notice && (
        <div class="ds-alert" data-color={data.notice === 'invalid' ? 'warning' : 'success'} role="status">
          <p class="ds-paragraph">{p[data.notice]}</p>
        </div>
      )}
      {/* A link that names nobody leaves no form: the way on is to the reader's own tasks. */}
      {!prefs && <TasksOnward page={page} />}
      {data.personName && <p class="ds-paragraph">{p.intro(data.personName)}</p>}
      {prefs && (
        <form method="post" action={data.action} class="preferences">
          <Choices
            f={f}
            name="reminders"
            legend={p.remindersLegend}
            value={prefs.reminders}
            options={[
              { value: 'all', label: p.all },
              { value: 'last', label: p.last },
              { value: 'none', label: p.none },
            ]}
          />
          <Fieldset legend={p.otherLegend}>
            <div class="choices">
              <Checkbox f={f} name="chairDigest" label={p.chairDigest} checked={prefs.chairDigest} />
              <Checkbox
                f={f}
                name="calendarNotices"
                label={p.calendarNotices}
                checked={prefs.calendarNotices}
              />
            </div>
          </Fieldset>
          <Choices
            f={f}
            name="language"
            legend={p.languageLegend}
            value={prefs.language}
            options={[
              { value: 'nb', label: p.languageNb },
              { value: 'en', label: p.languageEn },
            ]}
          />
          <Submit label={p.save} />
        </form>
      )}
    </Layout>
  );
}
