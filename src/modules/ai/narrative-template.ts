import type {
  MoodAssociation,
  NoteInsights,
  SeriesStatistics,
  SummaryStatistics,
} from './ai.vocabulary';
import {
  daysBetween,
  formatDay,
  lastDayOf,
  oneDecimal,
  signedOneDecimal,
} from './statistic-format';

/**
 * "Numbers in the narrative come from the computed statistics, not from the model": the remote
 * model writes `{{mood.average}}` where a number goes, and we substitute the value we computed.
 * Tag names, dates and key phrases are placeholders too (they may contain digits).
 */
export type PlaceholderValues = Readonly<Record<string, string>>;

/** `{{ name }}`: a letter first, then letters, digits, `_` and `.`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;
/** Any decimal digit, in any script. */
const DIGIT = /\p{Nd}/u;

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** Every placeholder the model may use, with its formatted value (absent values are left out). */
export function placeholderValues(
  stats: SummaryStatistics,
  notes: NoteInsights,
): PlaceholderValues {
  const values: Record<string, string> = {
    period: stats.period,
    firstDay: formatDay(stats.from),
    lastDay: formatDay(lastDayOf(stats.to)),
    daysInPeriod: String(daysBetween(stats.from, stats.to)),
    entryCount: String(stats.entryCount),
    daysWithEntries: String(stats.daysWithEntries),
    longestStreakDays: String(stats.longestStreakDays),
    currentStreakDays: String(stats.currentStreakDays),
  };
  addSeries(values, 'mood', stats.mood);
  addSeries(values, 'energy', stats.energy);
  for (const [name, day] of [
    ['bestDay', stats.bestDay],
    ['worstDay', stats.worstDay],
  ] as const) {
    if (!day) continue;
    values[`${name}.date`] = formatDay(day.date);
    values[`${name}.averageMood`] = oneDecimal(day.averageMood);
    values[`${name}.entries`] = String(day.entries);
  }
  addAssociation(values, 'higherMoodTag', stats.tagsWithHigherMood[0]);
  addAssociation(values, 'lowerMoodTag', stats.tagsWithLowerMood[0]);
  addAssociation(values, 'higherMoodType', stats.typesWithHigherMood[0]);
  addAssociation(values, 'lowerMoodType', stats.typesWithLowerMood[0]);
  if (notes.sentimentScore !== null)
    values['notes.sentimentScore'] = notes.sentimentScore.toFixed(2);
  if (notes.sentimentLabel !== null) values['notes.sentimentLabel'] = notes.sentimentLabel;
  notes.keyPhrases.forEach((phrase, i) => (values[`notes.keyPhrase${i + 1}`] = phrase));
  return values;
}

function addSeries(values: Record<string, string>, name: string, s: SeriesStatistics): void {
  values[`${name}.samples`] = String(s.samples);
  if (s.average !== null) values[`${name}.average`] = oneDecimal(s.average);
  if (s.trendPerDay !== null) values[`${name}.trendPerWeek`] = signedOneDecimal(s.trendPerDay * 7);
  if (s.volatility !== null) values[`${name}.volatility`] = oneDecimal(s.volatility);
  if (s.min !== null) values[`${name}.min`] = oneDecimal(s.min);
  if (s.max !== null) values[`${name}.max`] = oneDecimal(s.max);
}

function addAssociation(
  values: Record<string, string>,
  name: string,
  a: MoodAssociation | undefined,
): void {
  if (!a) return;
  values[`${name}.name`] = a.key;
  values[`${name}.averageMoodWith`] = oneDecimal(a.averageMoodWith);
  if (a.averageMoodWithout !== null)
    values[`${name}.averageMoodWithout`] = oneDecimal(a.averageMoodWithout);
  if (a.difference !== null) values[`${name}.difference`] = signedOneDecimal(a.difference);
  values[`${name}.entriesWith`] = String(a.entriesWith);
  values[`${name}.entriesWithout`] = String(a.entriesWithout);
}

/**
 * Checks a model-written template and substitutes its placeholders. Throws TemplateError when a
 * placeholder is unknown, a brace is left over, or a digit appears outside a placeholder.
 */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!Object.hasOwn(values, match[1])) unknown.add(match[1]);
  }
  if (unknown.size > 0) {
    throw new TemplateError(`unknown placeholder(s): ${[...unknown].join(', ')}`);
  }
  const prose = template.replace(PLACEHOLDER, '');
  if (/[{}]/.test(prose)) throw new TemplateError('malformed placeholder (stray brace)');
  if (DIGIT.test(prose)) throw new TemplateError('digits outside placeholders');
  return template
    .replace(PLACEHOLDER, (_, name: string) => values[name])
    .replace(/\s+/g, ' ')
    .trim();
}
