import type { DraftDecisionDetail } from './draft.schema';
import { splitSentences, type Segment } from './paragraphs';
import type { SourceRange } from './text-normaliser';
import { wordRe } from './word-boundary';

const APPROVAL_TITLE = wordRe(/\b(?:godkjenning|godkjenne|approval)\b/i);

export type DecisionKind = DraftDecisionDetail['kind'];

export interface DecisionDraft {
  text: string;
  kind: DecisionKind;
  source: SourceRange;
}

const APPROVED = wordRe(/\b(?:godkjent|godkjennes|godkjende|godkjend|approved|approves)\b/i);
const NOTED = wordRe(
  /\b(?:tas|tatt|teke|tek|tok|takast|tekne)\s+til\s+(?:etterretning|orientering|vitande|vitende)\b|\b(?:noted|took note|taken note)\b/i,
);
const ADOPTED = wordRe(
  /\b(?:sluttet|slutter|slutta|sluttar)\s+seg\s+til\b|\b(?:vedtatt|vedtas|vedteke|vedtek|vedtok|vedtekne)\b|\b(?:ble|vart|er)\s+enige?\s+om\b|\beinige?\s+om\b|\b(?:agreed|adopted|endorsed|resolved)\b|\bgikk inn for\b|\bstiller seg bak\b|\b(?:ble|vart|er|blei)\s+(?:besluttet|bestemt|vedtatt)\b|\b(?:was|were)\s+decided\b|\b(?:samde|samd|einige|enige)\s+om\b|\bsemje\s+om\b/i,
);
// A decision someone else made, one still to be made, or one merely proposed.
const NOT_A_DECISION = wordRe(
  /\?\s*$|\b(?:skal|må|bør|kan|vil|skulle|kunne|ville|trenger|skal bli|needs?|will|should|must|to be|may)\s+(?:\S+\s+)?(?:godkjenn\w*|vedta\w*|approved?|adopted?|agreed?)\b|\bsom\s+(?:ble|er|vart)\s+vedt|\bvedt\w*\s+av\s+(?:styret|representantskapet|kommunestyret|fylkestinget|bystyret|stortinget|regjeringen)|\b(?:styret|representantskapet|kommunestyret|fylkestinget|bystyret|stortinget|regjeringen)\s+(?:har\s+)?vedt|\bvedtok\s+den\b|\bforslag til vedtak\b|\bikke\s+enige?\b/i,
);
const NO_REMARKS = wordRe(
  /\b(?:ingen|uten|utan)\s+merknad(?:er|ar)?\b|\bno\s+(?:comments|changes|objections|remarks)\b/i,
);

/** Classifies a sentence as a decision, or returns null. */
export function classifyDecision(sentence: string): DecisionKind | null {
  if (NOT_A_DECISION.test(sentence)) return null;
  if (NOTED.test(sentence)) return 'noted';
  if (APPROVED.test(sentence)) return 'approved';
  if (ADOPTED.test(sentence)) return 'adopted';
  return null;
}

const kindOfLabelled = (text: string): DecisionKind => classifyDecision(text) ?? 'adopted';

/**
 * Finds the decisions in an item: "Vedtak: …" paragraphs, and sentences that approve ("godkjent"), note
 * ("tas til etterretning") or adopt ("sluttet seg til"). Proposals and decisions of other bodies are left out.
 */
export function findDecisions(segments: readonly Segment[], itemTitle: string): DecisionDraft[] {
  const out: DecisionDraft[] = [];
  for (const seg of segments) {
    const kind = seg.label?.kind;
    if (kind === 'decision') {
      if (seg.text) out.push({ text: seg.text, kind: kindOfLabelled(seg.text), source: seg.source });
      continue;
    }
    if (kind && kind !== 'discussed') continue;
    for (const s of splitSentences(seg)) {
      const k = classifyDecision(s.text);
      if (k) out.push({ text: s.text, kind: k, source: s.source });
    }
  }
  if (!out.length && APPROVAL_TITLE.test(itemTitle)) {
    const remark = segments.find((s) => NO_REMARKS.test(s.text));
    if (remark) out.push({ text: remark.text, kind: 'approved', source: remark.source });
  }
  return out;
}

const DEFERRED = wordRe(
  /\bikke\s+(?:blitt\s+)?behandlet\b|\bikkje\s+(?:handsama|behandla|behandlet)\b|\butsatt\b(?!\s+for\b)|\butsettes\b|\b(?:vert|blir|ble)\s+utsett\b|\btas\s+opp\s+(?:igjen\s+)?(?:på\s+)?neste\s+(?:møte|gang|gong)\b|\b(?:ikke|ikkje)\s+tid\s+til\b|\brakk\s+(?:ikke|ikkje)\b|\butsett\s+til\s+neste\b|\btakast\s+opp\s+(?:att\s+)?på\s+neste\s+møte\b|\bflyttes\s+til\s+neste\s+møte\b|\bdeferred\b|\bpostponed\b|\bcarried\s+(?:over|forward)\s+to\s+the\s+next\s+meeting\b|\bnot\s+(?:discussed|dealt\s+with|considered)\b/i,
);

/** True when the item was not dealt with and is carried to the next meeting. */
export function isDeferred(
  title: string,
  segments: readonly Segment[],
): { deferred: boolean; source: SourceRange | null } {
  if (DEFERRED.test(title)) return { deferred: true, source: null };
  const seg = segments.find((s) => DEFERRED.test(s.text));
  return seg ? { deferred: true, source: seg.source } : { deferred: false, source: null };
}
