/** What a "Label: value" line introduces. */
export type LabelKind =
  | 'present'
  | 'invited'
  | 'absent'
  | 'secretariat'
  | 'chair'
  | 'meetingDate'
  | 'date'
  | 'time'
  | 'dateTimePlace'
  | 'place'
  | 'writtenDate'
  | 'agendaHeader'
  | 'actionList'
  | 'decision'
  | 'proposal'
  | 'commitment'
  | 'nextMeeting'
  | 'nextStep'
  | 'preparation'
  | 'owner'
  | 'deadline'
  | 'members'
  | 'discussed';

/** A recognised label line; `value` is what follows the colon (may be empty). */
export interface LabelLine {
  kind: LabelKind;
  label: string;
  value: string;
}

// [kind, labels, may stand alone without a colon]
const LABELS: Array<[LabelKind, string[], boolean]> = [
  [
    'present',
    [
      'til stede',
      'tilstede',
      'til stades',
      'tilstades',
      'tilstede på møtet',
      'til stede på møtet',
      'til stades på møtet',
      'frammøtte',
      'fremmøtte',
      'frammøtt',
      'møtt',
      'møtte',
      'møtende',
      'møtande',
      'møtte medlemmer',
      'deltakere',
      'deltagere',
      'deltakarar',
      'deltok',
      'deltok på møtet',
      'present',
      'attendees',
      'attendance',
      'in attendance',
      'participants',
      'members present',
      'attending',
    ],
    true,
  ],
  [
    'invited',
    [
      'invitert',
      'inviterte',
      'innkalt',
      'innkalte',
      'innkalte medlemmer',
      'innkalte deltakere',
      'innkalla',
      'invited',
      'invited members',
      'members invited',
      'invitees',
      'distribution',
      'distribution list',
      'mottakere',
      'mottakarar',
      // The addressees of a notice, as in a letter: "Til: Kari Holm (Bø kommune), …"; "Kopi:" is not invited.
      'til',
      'to',
    ],
    true,
  ],
  [
    'absent',
    [
      'forfall',
      'meldt forfall',
      'fraværende',
      'fravær',
      'ikke til stede',
      'ikkje til stades',
      'ikke møtt',
      'ikkje møtt',
      'apologies',
      'apologies for absence',
      'absent',
      'not present',
      'regrets',
    ],
    true,
  ],
  [
    'secretariat',
    [
      'sekretariat',
      'sekretariatet',
      'fra sekretariatet',
      'fra sekretariatet møtte',
      'frå sekretariatet',
      'frå sekretariatet møtte',
      'sekretær',
      'sekretærer',
      'referent',
      'protokollfører',
      'protokollførar',
      'sekretær for møtet',
      'referat skrevet av',
      'referatet er skrevet av',
      'referent/sekretær',
      'secretary',
      'secretariat',
      'minutes taken by',
      'minute taker',
      'minutes by',
      'note taker',
      'in attendance from the secretariat',
      'fra administrasjonen',
      'frå administrasjonen',
      'administrasjonen',
      'fra administrasjonen møtte',
      'administration',
    ],
    false,
  ],
  [
    'chair',
    [
      'møteleder',
      'møteleiar',
      'leder',
      'leiar',
      'ordstyrer',
      'møteleder/ordstyrer',
      'chair',
      'chairperson',
      'chaired by',
      'chairman',
      'chairwoman',
    ],
    false,
  ],
  [
    'meetingDate',
    ['møtedato', 'dato for møtet', 'dato for møte', 'møtedag', 'meeting date', 'date of meeting'],
    false,
  ],
  ['date', ['dato', 'date'], false],
  [
    'time',
    [
      'tid',
      'møtetid',
      'tidspunkt',
      'klokkeslett',
      'kl',
      'klokka',
      'klokken',
      'time',
      'når',
      'when',
      'møte',
      'møtetidspunkt',
    ],
    false,
  ],
  [
    'dateTimePlace',
    [
      'tid og sted',
      'tid og stad',
      'dato og tid',
      'dato, tid og sted',
      'dato og sted',
      'date and time',
      'time and place',
      'when and where',
      'date, time and place',
    ],
    false,
  ],
  [
    'place',
    [
      'sted',
      'stad',
      'møtested',
      'møtestad',
      'møterom',
      'lokale',
      'location',
      'venue',
      'place',
      'where',
      'adresse',
    ],
    false,
  ],
  [
    'writtenDate',
    [
      'referatdato',
      'dato for referat',
      'referatet er skrevet',
      'referatet skrevet',
      'skrevet',
      'skrevet dato',
      'utsendt',
      'sendt',
      'date of minutes',
      'minutes date',
      'dato for utsending',
      'dato for innkalling',
      'innkallingsdato',
    ],
    false,
  ],
  [
    'agendaHeader',
    [
      'saksliste',
      'sakliste',
      'sakskart',
      'dagsorden',
      'agenda',
      'saker',
      'sakene',
      'saker til behandling',
      'behandlede saker',
      'behandla saker',
      'items',
    ],
    true,
  ],
  [
    'actionList',
    [
      'oppfølgingsliste',
      'oppfølgingspunkter',
      'aksjonsliste',
      'aksjonspunkter',
      'tiltaksliste',
      'oppgaveliste',
      'action list',
      'action points',
      'action items',
      'actions arising',
      'oppfølgingsliste fra møtet',
    ],
    true,
  ],
  [
    'decision',
    [
      'vedtak',
      'beslutning',
      'konklusjon',
      'konklusjonar',
      'konklusjoner',
      'konkludert',
      'decision',
      'decisions',
      'resolved',
      'resolution',
      'conclusion',
      'agreed',
      'enighet om',
    ],
    true,
  ],
  [
    'proposal',
    [
      'forslag til vedtak',
      'innstilling',
      'sekretariatets forslag',
      'forslag',
      'proposal',
      'recommendation',
      'proposed decision',
      'framlegg til vedtak',
    ],
    true,
  ],
  [
    'commitment',
    [
      'oppfølging',
      'tiltak',
      'oppgave',
      'oppgåve',
      'aksjon',
      'action',
      'actions',
      'action point',
      'to do',
      'todo',
      'videre oppfølging',
      'videre arbeid',
      'oppfølgingspunkt',
    ],
    false,
  ],
  [
    'nextMeeting',
    [
      'til neste møte',
      'til neste gong',
      'til neste gang',
      'for next meeting',
      'before next meeting',
      'for the next meeting',
      'before the next meeting',
    ],
    true,
  ],
  ['nextStep', ['neste steg', 'next step', 'next steps', 'videre prosess', 'veien videre'], false],
  [
    'preparation',
    [
      'forberedelse',
      'forberedelser',
      'førebuing',
      'førebuingar',
      'forberedelse til møtet',
      'preparation',
      'please prepare',
    ],
    true,
  ],
  [
    'owner',
    [
      'ansvar',
      'ansvarlig',
      'ansvarleg',
      'ansvarlege',
      'ansvarlige',
      'responsible',
      'owner',
      'lead',
      'gruppeleder',
      'gruppeleiar',
      'leder for gruppen',
      'who',
    ],
    false,
  ],
  ['deadline', ['frist', 'tidsfrist', 'deadline', 'due', 'due date', 'innen'], false],
  ['members', ['medlemmer', 'medlemar', 'members', 'deltakere i gruppen', 'gruppemedlemmer'], false],
  [
    'discussed',
    [
      'behandling',
      'saksbehandling',
      'diskutert i møtet',
      'diskutert i møte',
      'diskusjon',
      'drøfting',
      'discussion',
      'oppsummering',
      'summary',
      'gjennomføring',
      'kunnskapsgrunnlag',
      'bakgrunn',
      'background',
    ],
    false,
  ],
];

const BY_LABEL = new Map<string, { kind: LabelKind; standalone: boolean }>();
for (const [kind, labels, standalone] of LABELS)
  for (const l of labels) BY_LABEL.set(l, { kind, standalone });

// An abbreviated label keeps its full stop: "Kl.: 10.00–14.00".
const LABEL_LINE = /^([\p{L}][\p{L} ,/]{0,40}?)\.? ?[:\t](.*)$/u;

/** Recognises "Til stede:", "Tid: …", "Vedtak: …", "Saksliste" and similar label lines. */
export function readLabel(text: string): LabelLine | null {
  const line = text.replace(/^(?:[•·▪*→➔➜⇒-]|->)\s+/, '').trim();
  const alone = line.replace(/[:.]$/, '').trim().toLowerCase();
  const standalone = BY_LABEL.get(alone);
  if (standalone && (standalone.standalone || line.endsWith(':')))
    return { kind: standalone.kind, label: alone, value: '' };
  const roll = line.endsWith(':') ? rollCallHeading(alone) : null;
  if (roll) return { kind: roll, label: alone, value: '' };
  const m = LABEL_LINE.exec(line);
  if (!m) return null;
  const label = m[1].trim().toLowerCase().replace(/\s+/g, ' ');
  const known = BY_LABEL.get(label);
  return known ? { kind: known.kind, label, value: m[2].trim() } : null;
}

// A case system's roll call: "Følgende faste medlemmer møtte:", "Følgende varamedlemmer møtte:", "Følgende
// medlemmer hadde forfall:". Who is meant varies; the closing verb says whether they came.
const ROLL_CALL =
  /^(?:følgende|følgjande|the following)\s[\p{L} ]{0,60}?\s(møtte|møtt|var til stede|hadde forfall|hadde meldt forfall|forfall|attended|were present|sent apologies)$/u;

function rollCallHeading(label: string): LabelKind | null {
  const m = ROLL_CALL.exec(label);
  if (!m) return null;
  return /forfall|apologies/.test(m[1]) ? 'absent' : 'present';
}
