/*
 * Synthetic minutes of one group, written for the import's tests: January leaves Per Hansen a task for the
 * next meeting; February approves January's minutes, records three people present (one new), two decisions, a
 * commitment and a working group with its lead; March approves February's minutes and names another lead.
 * Imported in order or out of it, they exercise everything a commit records after its plan. April names a third
 * lead, for a meeting after a lead changed by hand.
 */

const header = (date: string, people: string[]) =>
  [
    'Referat fra møte i Faggruppe for vann',
    `Møtedato: ${date}`,
    'Tid: kl. 10.00 – 12.00',
    'Sted: Rådhuset',
    '',
    'Til stede:',
    ...people.map((p) => `• ${p}`),
    '',
  ].join('\n');

export const JANUARY = `${header('15.01.2026', ['Kari Nordmann, Elvdal kommune (møteleder)', 'Per Hansen, Fjellvik kommune'])}
Sak 1/26 Godkjenning av innkalling
Vedtak: Innkallingen godkjennes.

Sak 2/26 Hovedplan for vann
Vedtak: Arbeidet med hovedplanen starter.
Oppfølging: Per Hansen lager en oversikt over ledningsnettet til neste møte.
`;

export const FEBRUARY = `${header('12.02.2026', [
  'Kari Nordmann, Elvdal kommune (møteleder)',
  'Per Hansen, Fjellvik kommune',
  'Anne Lie, Sørby kommune (digitalt)',
])}
Sak 3/26 Godkjenning av referat fra møtet 15.01.2026
Vedtak: Referatet godkjennes.

Sak 4/26 Lekkasjer i ledningsnettet
Vedtak: Faggruppen slutter seg til forslaget om felles lekkasjesøk.
Oppfølging: Anne Lie innhenter tilbud på lekkasjesøk til neste møte.

Sak 5/26 Arbeidsgrupper – status
• Arbeidsgruppe vannkvalitet
  Ansvarlig: Anne Lie
  Medlemmer: Per Hansen
  Gruppen har hatt ett møte.
Statusrapportene ble tatt til etterretning.
`;

export const MARCH = `${header('12.03.2026', ['Kari Nordmann, Elvdal kommune (møteleder)', 'Per Hansen, Fjellvik kommune'])}
Sak 6/26 Godkjenning av referat fra møtet 12.02.2026
Vedtak: Referatet godkjennes.

Sak 7/26 Arbeidsgrupper – status
• Arbeidsgruppe vannkvalitet
  Ansvarlig: Per Hansen
  Gruppen har fordelt arbeidet.
`;

export const APRIL = `${header('16.04.2026', ['Kari Nordmann, Elvdal kommune (møteleder)', 'Ola Berg, Sørby kommune'])}
Sak 8/26 Godkjenning av referat fra møtet 12.03.2026
Vedtak: Referatet godkjennes.

Sak 9/26 Arbeidsgrupper – status
• Arbeidsgruppe vannkvalitet
  Ansvarlig: Ola Berg
  Gruppen har levert et utkast.
`;
