/** The reminder e-mail and link pages, one catalogue per language; bokmål is the default. */
export interface ReminderMessages {
  locale: string;
  subject(meetingTitle: string, when: string): string;
  greeting(name: string): string;
  intro(when: string): string;
  introChairOnly(when: string): string;
  meetingHeading: string;
  time: string;
  place: string;
  online: string;
  notGiven: string;
  yourItems: string;
  digestHeading: string;
  digestIntro: string;
  throughWorkingGroup(name: string): string;
  from(meeting: string, item: string | null): string;
  carriedOver(times: number): string;
  owner(name: string): string;
  markDone: string;
  reportProgress: string;
  linksNote: string;
  footer: string;
  calendarFile: string;
  /** The preheader: the line mail apps show after the subject. */
  preview(count: number): string;
  preferencesLink: string;
  /** Cancellations and moves of a meeting the person was reminded about. */
  notice: {
    cancelledSubject(title: string, when: string): string;
    cancelledIntro(title: string, when: string): string;
    movedSubject(title: string, when: string): string;
    movedIntro(title: string, when: string): string;
    calendarNote: string;
  };
  /** The page where a person chooses which reminders they get. */
  preferences: {
    title: string;
    intro(name: string): string;
    remindersLegend: string;
    all: string;
    last: string;
    none: string;
    chairDigest: string;
    calendarNotices: string;
    save: string;
    saved: string;
    unsubscribed: string;
    invalid: string;
  };
  page: {
    title: string;
    confirmDone(text: string): string;
    progressPrompt(text: string): string;
    doneButton: string;
    progressButton: string;
    progressLabel: string;
    recordedDone: string;
    recordedProgress: string;
    alreadyDone: string;
    closed: string;
    notFound: string;
    /** The link's person no longer answers for the item: it was handed on after the e-mail went. */
    reassigned(owner: string | null): string;
    invalid: string;
    expired: string;
    /** A newer reminder went out, or the item moved on (reassigned, due changed, meeting held) since this one. */
    superseded: string;
    /** A progress link works once. */
    alreadyUsed: string;
    emptyProgress: string;
    forPerson(name: string): string;
  };
}

export const nb: ReminderMessages = {
  locale: 'nb-NO',
  subject: (title, when) => `Påminnelse: ${title} ${when}`,
  greeting: (name) => `Hei ${name},`,
  intro: (when) => `før møtet ${when} står dette fortsatt åpent hos deg:`,
  introChairOnly: (when) => `før møtet ${when} er dette fortsatt åpent i gruppen:`,
  meetingHeading: 'Møtet',
  time: 'Tid',
  place: 'Sted',
  online: 'Digitalt',
  notGiven: 'ikke oppgitt',
  yourItems: 'Det du har påtatt deg',
  digestHeading: 'Alt som er åpent til møtet',
  digestIntro: 'Som møteleder får du også oversikten over alt som fortsatt er åpent:',
  throughWorkingGroup: (name) => `Gjennom ${name}`,
  from: (meeting, item) => (item ? `Fra møtet ${meeting}, sak ${item}` : `Fra møtet ${meeting}`),
  carriedOver: (times) => (times === 1 ? 'Utsatt én gang' : `Utsatt ${times} ganger`),
  owner: (name) => `Ansvarlig: ${name}`,
  markDone: 'Marker som utført',
  reportProgress: 'Meld fremdrift',
  linksNote: 'Lenkene virker uten innlogging og er personlige; ikke videresend denne e-posten.',
  footer: 'Sendt av Tilneste – oppfølging til neste møte.',
  calendarFile: 'mote.ics',
  preview: (count) => (count === 1 ? 'Én sak står åpen før neste møte.' : `${count} saker står åpne før neste møte.`),
  preferencesLink: 'Velg hvilke påminnelser du får',
  notice: {
    cancelledSubject: (title, when) => `Avlyst: ${title} ${when}`,
    cancelledIntro: (title, when) => `Møtet «${title}» ${when} er avlyst.`,
    movedSubject: (title, when) => `Flyttet: ${title} til ${when}`,
    movedIntro: (title, when) => `Møtet «${title}» er flyttet til ${when}.`,
    calendarNote: 'Vedlegget oppdaterer oppføringen i kalenderen din.',
  },
  preferences: {
    title: 'Påminnelser fra Tilneste',
    intro: (name) => `Velg hvilke e-poster ${name} får fra Tilneste.`,
    remindersLegend: 'Påminnelser før møter',
    all: 'Alle påminnelsene (for eksempel en uke og en dag før)',
    last: 'Bare den siste før møtet',
    none: 'Ingen påminnelser',
    chairDigest: 'Oversikten over alt som er åpent (for møteledere)',
    calendarNotices: 'Beskjed når et møte flyttes eller avlyses',
    save: 'Lagre valgene',
    saved: 'Valgene er lagret.',
    unsubscribed: 'Du får ikke flere påminnelser. Du kan slå dem på igjen her.',
    invalid: 'Lenken er ugyldig. Bruk lenken nøyaktig slik den står i e-posten.',
  },
  page: {
    title: 'Tilneste',
    confirmDone: (text) => `Vil du merke «${text}» som utført?`,
    progressPrompt: (text) => `Hvordan går det med «${text}»?`,
    doneButton: 'Ja, merk som utført',
    progressButton: 'Send fremdrift',
    progressLabel: 'Fremdrift',
    recordedDone: 'Takk! Oppgaven er merket som utført.',
    recordedProgress: 'Takk! Fremdriften er registrert.',
    alreadyDone: 'Denne oppgaven er allerede merket som utført. Ingenting ble endret.',
    closed: 'Denne oppgaven er ikke lenger åpen. Ingenting ble endret.',
    notFound: 'Fant ikke oppgaven. Ingenting ble endret.',
    reassigned: (owner) =>
      `Oppgaven er flyttet til ${owner ?? 'en annen'} etter at e-posten ble sendt, så lenken gjelder ikke lenger. Ingenting ble registrert.`,
    invalid: 'Lenken er ugyldig. Ingenting ble registrert. Bruk lenken nøyaktig slik den står i e-posten.',
    expired: 'Lenken er utløpt. Ingenting ble registrert. Ta kontakt med sekretariatet.',
    superseded: 'Denne lenken gjelder ikke lenger: saken er endret, eller en nyere påminnelse er sendt. Bruk lenkene i den siste e-posten.',
    alreadyUsed: 'Denne lenken er allerede brukt. Bruk lenkene i neste påminnelse for å melde mer.',
    emptyProgress: 'Skriv litt om fremdriften før du sender.',
    forPerson: (name) => `For ${name}`,
  },
};

export const en: ReminderMessages = {
  locale: 'en-GB',
  subject: (title, when) => `Reminder: ${title} ${when}`,
  greeting: (name) => `Hello ${name},`,
  intro: (when) => `before the meeting on ${when} you still have these open:`,
  introChairOnly: (when) => `before the meeting on ${when} these are still open in the group:`,
  meetingHeading: 'The meeting',
  time: 'Time',
  place: 'Place',
  online: 'Online',
  notGiven: 'not given',
  yourItems: 'What you promised',
  digestHeading: 'Everything open for the meeting',
  digestIntro: 'As chair you also get the overview of everything still open:',
  throughWorkingGroup: (name) => `Through ${name}`,
  from: (meeting, item) => (item ? `From the meeting ${meeting}, item ${item}` : `From the meeting ${meeting}`),
  carriedOver: (times) => (times === 1 ? 'Carried over once' : `Carried over ${times} times`),
  owner: (name) => `Owner: ${name}`,
  markDone: 'Mark as done',
  reportProgress: 'Report progress',
  linksNote: 'The links work without logging in and are personal; do not forward this e-mail.',
  footer: 'Sent by Tilneste – follow-up for the next meeting.',
  calendarFile: 'meeting.ics',
  preview: (count) => (count === 1 ? 'One item is still open before the next meeting.' : `${count} items are still open before the next meeting.`),
  preferencesLink: 'Choose which reminders you get',
  notice: {
    cancelledSubject: (title, when) => `Cancelled: ${title} ${when}`,
    cancelledIntro: (title, when) => `The meeting “${title}” on ${when} is cancelled.`,
    movedSubject: (title, when) => `Moved: ${title} to ${when}`,
    movedIntro: (title, when) => `The meeting “${title}” has moved to ${when}.`,
    calendarNote: 'The attachment updates the entry in your calendar.',
  },
  preferences: {
    title: 'Reminders from Tilneste',
    intro: (name) => `Choose which e-mails ${name} gets from Tilneste.`,
    remindersLegend: 'Reminders before meetings',
    all: 'Every reminder (for example a week and a day before)',
    last: 'Only the last one before the meeting',
    none: 'No reminders',
    chairDigest: 'The overview of everything open (for chairs)',
    calendarNotices: 'A message when a meeting is moved or cancelled',
    save: 'Save',
    saved: 'Your choices are saved.',
    unsubscribed: 'You will get no more reminders. You can turn them back on here.',
    invalid: 'The link is not valid. Use the link exactly as it is in the e-mail.',
  },
  page: {
    title: 'Tilneste',
    confirmDone: (text) => `Mark “${text}” as done?`,
    progressPrompt: (text) => `How is “${text}” going?`,
    doneButton: 'Yes, mark as done',
    progressButton: 'Send progress',
    progressLabel: 'Progress',
    recordedDone: 'Thank you! The item is marked as done.',
    recordedProgress: 'Thank you! Your progress is recorded.',
    alreadyDone: 'This item is already marked as done. Nothing was changed.',
    closed: 'This item is no longer open. Nothing was changed.',
    notFound: 'The item was not found. Nothing was changed.',
    reassigned: (owner) =>
      `This item was handed to ${owner ?? 'someone else'} after the e-mail was sent, so the link no longer applies. Nothing was recorded.`,
    invalid: 'The link is not valid. Nothing was recorded. Use the link exactly as it is in the e-mail.',
    expired: 'The link has expired. Nothing was recorded. Please contact the secretariat.',
    superseded: 'This link no longer applies: the item has changed, or a newer reminder was sent. Use the links in the latest e-mail.',
    alreadyUsed: 'This link has already been used. Use the links in the next reminder to report more.',
    emptyProgress: 'Please write something about the progress before sending.',
    forPerson: (name) => `For ${name}`,
  },
};

export const reminderMessages = { nb, en } as const;
