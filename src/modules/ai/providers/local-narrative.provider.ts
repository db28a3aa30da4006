import { Injectable } from '@nestjs/common';
import type { MoodAssociation, NoteInsights, SummaryStatistics } from '../ai.vocabulary';
import {
  absOneDecimal,
  count,
  daysBetween,
  formatDay,
  formatRange,
  oneDecimal,
  signedOneDecimal,
} from '../statistic-format';
import type { NarrativeInput, NarrativeProvider, ProviderAnswer } from './narrative-provider';

/** Names the local template set in metering rows and in `SummaryNarrative.model`. */
export const LOCAL_MODEL = 'fitai-local-1';

const MAX_SENTENCES = 4;
const MAX_HIGHLIGHTS = 5;
/** Below this change per week (mood points), the mood "held steady". */
const FLAT_TREND_PER_WEEK = 0.2;
/** Standard deviation (mood points, 1–10 scale) under which mood "varied little" / "swung". */
const LOW_VOLATILITY = 1;
const HIGH_VOLATILITY = 2;
/** An association on fewer entries than this (on either side) is flagged as a small sample. */
const SMALL_SAMPLE = 3;

/**
 * The built-in provider: deterministic sentences from the statistics and the note insights.
 * No network, no key, no model; the same input always gives the same words.
 */
@Injectable()
export class LocalNarrativeProvider implements NarrativeProvider {
  readonly name = 'local' as const;
  readonly model = LOCAL_MODEL;

  write(input: NarrativeInput): Promise<ProviderAnswer> {
    return Promise.resolve({ ...composeLocalNarrative(input.stats, input.insights), usage: null });
  }
}

interface Association {
  subject: string;
  a: MoodAssociation;
}

export function composeLocalNarrative(
  stats: SummaryStatistics,
  insights: NoteInsights,
): { narrative: string; highlights: string[] } {
  const when =
    stats.period === 'day'
      ? `On ${formatDay(stats.from)}`
      : `Between ${formatRange(stats.from, stats.to)}`;

  if (stats.entryCount === 0) {
    return {
      narrative:
        `${when} you logged no entries, so there is nothing to summarise yet. ` +
        'Log how you feel with a mood rating and the next summary will show your trends.',
      highlights: [],
    };
  }

  const multiDay = stats.period !== 'day';
  const positive = strongest(stats.tagsWithHigherMood, stats.typesWithHigherMood, 1);
  const negative = strongest(stats.tagsWithLowerMood, stats.typesWithLowerMood, -1);

  const sentences = [overviewSentence(stats, when, multiDay), moodSentence(stats, multiDay)];
  const optional = [
    associationSentence(positive, negative),
    notesSentence(insights),
    multiDay ? daysSentence(stats) : null,
  ];
  for (const sentence of optional) {
    if (sentence && sentences.length < MAX_SENTENCES) sentences.push(sentence);
  }

  const highlights = [
    multiDay && stats.bestDay
      ? `Best day: ${formatDay(stats.bestDay.date)}, mood ${oneDecimal(stats.bestDay.averageMood)} (${count(stats.bestDay.entries, 'entry', 'entries')})`
      : null,
    multiDay && stats.longestStreakDays >= 2
      ? `Longest streak: ${stats.longestStreakDays} days in a row` +
        (stats.currentStreakDays >= 2 ? ` (current streak: ${stats.currentStreakDays} days)` : '')
      : null,
    positive ? associationHighlight(positive) : null,
    negative ? associationHighlight(negative) : null,
    multiDay && stats.worstDay && stats.worstDay.date !== stats.bestDay?.date
      ? `Hardest day: ${formatDay(stats.worstDay.date)}, mood ${oneDecimal(stats.worstDay.averageMood)} (${count(stats.worstDay.entries, 'entry', 'entries')})`
      : null,
    stats.energy.average !== null
      ? `Energy averaged ${oneDecimal(stats.energy.average)} out of 10`
      : null,
    insights.sentimentLabel && insights.sentimentScore !== null
      ? `Notes: mostly ${insights.sentimentLabel} (sentiment ${signedOneDecimal(insights.sentimentScore)})`
      : null,
  ].filter((h): h is string => h !== null);

  return { narrative: sentences.join(' '), highlights: highlights.slice(0, MAX_HIGHLIGHTS) };
}

function overviewSentence(stats: SummaryStatistics, when: string, multiDay: boolean): string {
  const entries = count(stats.entryCount, 'entry', 'entries');
  if (!multiDay) return `${when} you logged ${entries}.`;
  const days = daysBetween(stats.from, stats.to);
  const onDays =
    stats.daysWithEntries >= days
      ? `on all ${days} days`
      : `on ${stats.daysWithEntries} of ${days} days`;
  return `${when} you logged ${entries} ${onDays}.`;
}

function moodSentence(stats: SummaryStatistics, multiDay: boolean): string {
  const { mood } = stats;
  if (mood.average === null || mood.samples === 0) {
    return stats.entryCount === 1
      ? 'It had no mood rating, so there is no mood trend yet.'
      : 'None of them had a mood rating, so there is no mood trend yet.';
  }
  let sentence = `Your mood averaged ${oneDecimal(mood.average)} out of 10`;
  if (multiDay && mood.trendPerDay !== null && mood.samples >= 3 && stats.daysWithEntries >= 2) {
    const perWeek = mood.trendPerDay * 7;
    if (Math.abs(perWeek) < FLAT_TREND_PER_WEEK) sentence += ' and held steady';
    else
      sentence += ` and ${perWeek > 0 ? 'rose' : 'fell'} by about ${absOneDecimal(perWeek)} points a week`;
  }
  if (mood.volatility !== null && mood.samples >= 2) {
    const spread = oneDecimal(mood.volatility);
    if (mood.volatility < LOW_VOLATILITY) sentence += `, with little variation (spread ${spread})`;
    else if (mood.volatility < HIGH_VOLATILITY)
      sentence += `, with some ups and downs (spread ${spread})`;
    else sentence += `, with large swings (spread ${spread})`;
  }
  return `${sentence}.`;
}

/** The association with the largest difference of the wanted sign, tags before types on ties. */
function strongest(
  tags: MoodAssociation[],
  types: MoodAssociation[],
  sign: 1 | -1,
): Association | null {
  const candidates: Association[] = [
    ...tags.map((a) => ({ subject: `entries tagged “${a.key}”`, a })),
    ...types.map((a) => ({ subject: `${a.key} entries`, a })),
  ].filter(
    ({ a }) =>
      a.difference !== null &&
      Math.sign(a.difference) === sign &&
      // Below 0.05 the rounded difference would read "0.0 points".
      Math.abs(a.difference) >= 0.05 &&
      a.entriesWith > 0 &&
      a.entriesWithout > 0,
  );
  let best: Association | null = null;
  for (const c of candidates) {
    if (!best || Math.abs(c.a.difference!) > Math.abs(best.a.difference!)) best = c;
  }
  return best;
}

function sampleNote(a: MoodAssociation): string {
  return `${a.entriesWith} with, ${a.entriesWithout} without`;
}

function associationSentence(
  positive: Association | null,
  negative: Association | null,
): string | null {
  const part = (x: Association, direction: string) =>
    `${absOneDecimal(x.a.difference!)} points ${direction} in ${x.subject} (${sampleNote(x.a)})`;
  if (positive && negative)
    return `Mood ran ${part(positive, 'higher')} and ${part(negative, 'lower')}.`;
  if (positive) return `Mood ran ${part(positive, 'higher')}.`;
  if (negative) return `Mood ran ${part(negative, 'lower')}.`;
  return null;
}

function associationHighlight({ subject, a }: Association): string {
  const small = Math.min(a.entriesWith, a.entriesWithout) < SMALL_SAMPLE ? ', small sample' : '';
  const label = subject.charAt(0).toUpperCase() + subject.slice(1);
  return `${label}: mood ${signedOneDecimal(a.difference!)} (${sampleNote(a)}${small})`;
}

function notesSentence(insights: NoteInsights): string | null {
  if (!insights.sentimentLabel) return null;
  const tone =
    insights.sentimentLabel === 'neutral'
      ? 'mostly neutral in tone'
      : `mostly ${insights.sentimentLabel}`;
  const phrases = insights.keyPhrases.slice(0, 3).map((p) => `“${p}”`);
  const mentions =
    phrases.length === 0
      ? ''
      : phrases.length === 1
        ? `, mentioning ${phrases[0]}`
        : `, mentioning ${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
  return `Your notes were ${tone}${mentions}.`;
}

function daysSentence(stats: SummaryStatistics): string | null {
  const { bestDay, worstDay } = stats;
  if (!bestDay) return null;
  const best = `Your best day was ${formatDay(bestDay.date)} (mood ${oneDecimal(bestDay.averageMood)})`;
  if (!worstDay || worstDay.date === bestDay.date) return `${best}.`;
  return `${best} and your hardest was ${formatDay(worstDay.date)} (mood ${oneDecimal(worstDay.averageMood)}).`;
}
