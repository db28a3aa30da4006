import { median } from 'simple-statistics';
import { addDays } from '../../../common/time/local-date';
import type { JournalDayRow, TrainingDayRow } from './insights.repository';
import {
  benjaminiHochberg,
  cohensD,
  meanDifferencePermutationTest,
  ROBUST_Z_THRESHOLD,
  robustZ,
  spearmanPermutationTest,
} from './statistics';

/**
 * From per-day series to insights and anomalies (docs/insights.md). Everything here is a pure
 * function of the day rows, so an insight's numbers are recomputed from the data every time.
 */

/**
 * False-discovery rate of the Benjamini–Hochberg procedure across all tested pairs. 1% rather
 * than the customary 5%: on data with no effect at all, BH at rate α lets something through
 * in at most α of periods, and a user reads every period's insights.
 */
export const FDR = 0.01;
/** Fewest days in each group of a comparison (and fewest pairs of a correlation, ×2). */
export const MIN_GROUP_DAYS = 5;
/** The most frequent tags tested against mood (at most). */
export const MAX_TAGS = 15;
/** Journal days before a day that form its mood baseline; fewest needed. */
export const MOOD_BASELINE_DAYS = 28;
export const MOOD_BASELINE_MIN = 10;
/** Training days before a session that form its volume baseline; fewest needed. */
export const VOLUME_BASELINE_SESSIONS = 20;
export const VOLUME_BASELINE_MIN = 8;
/** Performance: a day's volume relative to the median of the previous training days. */
export const PERFORMANCE_BASELINE_SESSIONS = 10;
export const PERFORMANCE_BASELINE_MIN = 3;
/** How far before the period the reads start, for the baselines above. */
export const JOURNAL_LOOKBACK_DAYS = MOOD_BASELINE_DAYS;
export const TRAINING_LOOKBACK_DAYS = 180;
/** Evidence listed per insight, at most (the total is always given). */
export const MAX_EVIDENCE = 60;

/** Tags that speak of sleep or rest, for "sleep-like tags vs next-day performance". */
export const SLEEP_LIKE_TAG = /(sleep|slept|insomnia|nap|tired|exhausted|rested|bed)/;

export type Outcome = 'mood' | 'energy' | 'performance';
export type Exposure = 'training' | 'training_volume' | 'tag' | 'entry_type' | 'sleep_tag';

export interface EvidenceDay {
  /** The day of the exposure (trained, tagged...). */
  date: string;
  /** The day the outcome was measured (date + lag). */
  outcomeDate: string;
  /** The outcome on that day: mean mood or energy (1–10), or performance in %. */
  value: number;
  /** The journal entries of both days, and the completed workouts of both days. */
  entryIds: string[];
  workoutIds: string[];
}

export interface Insight {
  /** Stable key of the tested pair, e.g. `training→mood+1`. */
  key: string;
  exposure: Exposure;
  /** The tag or entry type, for tag, entry_type and sleep_tag exposures; null otherwise. */
  subject: string | null;
  outcome: Outcome;
  lagDays: number;
  statement: string;
  method: 'difference_of_means' | 'spearman';
  /** difference_of_means: exposed − other mean; spearman: ρ. */
  effect: number;
  /** difference_of_means: Cohen's d; spearman: null (ρ is its own effect size). */
  standardizedEffect: number | null;
  exposedMean: number | null;
  otherMean: number | null;
  /** Days (pairs) in the test: exposed and other for a difference, all for a correlation. */
  sampleSize: number;
  exposedDays: number;
  otherDays: number;
  pValue: number;
  qValue: number;
  evidence: EvidenceDay[];
  evidenceTotal: number;
}

export type AnomalyKind = 'low_session_volume' | 'mood_dip';

export interface Anomaly {
  kind: AnomalyKind;
  date: string;
  statement: string;
  /** Volume in kg (the service converts) or mean mood. */
  value: number;
  baselineMedian: number;
  baselineMad: number;
  baselineDays: number;
  robustZ: number;
  threshold: number;
  entryIds: string[];
  workoutIds: string[];
}

export interface Analysis {
  tested: number;
  insights: Insight[];
  anomalies: Anomaly[];
}

interface Candidate {
  key: string;
  exposure: Exposure;
  subject: string | null;
  outcome: Outcome;
  lagDays: number;
  method: 'difference_of_means' | 'spearman';
  /** Exposed pairs; for a correlation, every pair with its x. */
  exposed: Pair[];
  other: Pair[];
}

interface Pair {
  date: string;
  outcomeDate: string;
  x: number;
  y: number;
}

const round = (value: number, digits = 2) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Every local day from `first` to `last`, inclusive. */
function dayList(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

export interface AnalysisInput {
  firstDay: string;
  lastDay: string;
  /** Journal days from firstDay − JOURNAL_LOOKBACK_DAYS to lastDay. */
  journal: JournalDayRow[];
  /** Training days from firstDay − TRAINING_LOOKBACK_DAYS to lastDay. */
  training: TrainingDayRow[];
}

export function analyse(input: AnalysisInput): Analysis {
  const journal = new Map(input.journal.map((row) => [row.day, row]));
  const training = new Map(input.training.map((row) => [row.day, row]));
  const performance = performanceByDay(input.training);
  const days = dayList(input.firstDay, input.lastDay);

  const outcomeOf = (outcome: Outcome, day: string): number | null => {
    if (outcome === 'performance') return performance.get(day) ?? null;
    return journal.get(day)?.[outcome] ?? null;
  };

  /** Pairs (day d, outcome on d + lag) within the period, split by `exposed(d)`. */
  const split = (
    outcome: Outcome,
    lag: number,
    exposed: (day: string) => boolean,
  ): { exposed: Pair[]; other: Pair[] } => {
    const groups = { exposed: [] as Pair[], other: [] as Pair[] };
    for (const date of days) {
      const outcomeDate = addDays(date, lag);
      if (outcomeDate > input.lastDay) break;
      const y = outcomeOf(outcome, outcomeDate);
      if (y === null) continue;
      const pair = { date, outcomeDate, x: 1, y };
      (exposed(date) ? groups.exposed : groups.other).push(pair);
    }
    return groups;
  };

  const candidates: Candidate[] = [];
  const addDifference = (
    base: Omit<Candidate, 'exposed' | 'other' | 'method' | 'key'>,
    exposed: (day: string) => boolean,
  ) => {
    const groups = split(base.outcome, base.lagDays, exposed);
    if (groups.exposed.length < MIN_GROUP_DAYS || groups.other.length < MIN_GROUP_DAYS) return;
    const subject = base.subject === null ? '' : `:${base.subject}`;
    candidates.push({
      ...base,
      ...groups,
      method: 'difference_of_means',
      key: `${base.exposure}${subject}→${base.outcome}+${base.lagDays}`,
    });
  };

  const trained = (day: string) => training.has(day);
  for (const outcome of ['mood', 'energy'] as const) {
    for (const lag of [0, 1]) {
      addDifference({ exposure: 'training', subject: null, outcome, lagDays: lag }, trained);
      // Heavier or lighter sessions: volume of the training days against the outcome.
      const pairs = split(outcome, lag, trained).exposed.map((pair) => ({
        ...pair,
        x: training.get(pair.date)!.volumeKg,
      }));
      if (pairs.length >= 2 * MIN_GROUP_DAYS) {
        candidates.push({
          key: `training_volume→${outcome}+${lag}`,
          exposure: 'training_volume',
          subject: null,
          outcome,
          lagDays: lag,
          method: 'spearman',
          exposed: pairs,
          other: [],
        });
      }
    }
  }

  // Tags and entry types vs the same day's mood.
  const tagDays = new Map<string, number>();
  const typesSeen = new Set<string>();
  for (const day of days) {
    const row = journal.get(day);
    if (!row) continue;
    for (const tag of row.tags) tagDays.set(tag, (tagDays.get(tag) ?? 0) + 1);
    for (const type of row.entryTypes) typesSeen.add(type);
  }
  const frequentTags = [...tagDays.entries()]
    .filter(([, count]) => count >= MIN_GROUP_DAYS)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TAGS)
    .map(([tag]) => tag);
  for (const tag of frequentTags) {
    addDifference({ exposure: 'tag', subject: tag, outcome: 'mood', lagDays: 0 }, (day) =>
      (journal.get(day)?.tags ?? []).includes(tag),
    );
  }
  for (const type of [...typesSeen].filter((t) => t !== 'mood').sort()) {
    addDifference({ exposure: 'entry_type', subject: type, outcome: 'mood', lagDays: 0 }, (day) =>
      (journal.get(day)?.entryTypes ?? []).includes(type),
    );
  }

  // Sleep-like tags (and sleep entries) vs the next day's performance.
  const sleepSubjects = [...tagDays.keys()].filter((tag) => SLEEP_LIKE_TAG.test(tag)).sort();
  for (const tag of sleepSubjects) {
    addDifference(
      { exposure: 'sleep_tag', subject: tag, outcome: 'performance', lagDays: 1 },
      (day) => (journal.get(day)?.tags ?? []).includes(tag),
    );
  }
  if (typesSeen.has('sleep')) {
    addDifference(
      { exposure: 'entry_type', subject: 'sleep', outcome: 'performance', lagDays: 1 },
      (day) => (journal.get(day)?.entryTypes ?? []).includes('sleep'),
    );
  }

  const results = candidates.map((candidate) => {
    if (candidate.method === 'spearman') {
      const x = candidate.exposed.map((pair) => pair.x);
      const y = candidate.exposed.map((pair) => pair.y);
      return spearmanPermutationTest(x, y);
    }
    return meanDifferencePermutationTest(
      candidate.exposed.map((pair) => pair.y),
      candidate.other.map((pair) => pair.y),
    );
  });
  const qValues = benjaminiHochberg(results.map((result) => result.pValue));

  const evidenceOf = (pair: Pair): EvidenceDay => {
    const both = [...new Set([pair.date, pair.outcomeDate])];
    return {
      date: pair.date,
      outcomeDate: pair.outcomeDate,
      value: round(pair.y),
      entryIds: both.flatMap((day) => journal.get(day)?.entryIds ?? []),
      workoutIds: both.flatMap((day) => training.get(day)?.workoutIds ?? []),
    };
  };

  const insights: Insight[] = [];
  candidates.forEach((candidate, index) => {
    const qValue = qValues[index];
    if (qValue > FDR) return;
    const { statistic, pValue } = results[index];
    const isDifference = candidate.method === 'difference_of_means';
    const exposedValues = candidate.exposed.map((pair) => pair.y);
    const otherValues = candidate.other.map((pair) => pair.y);
    const exposedMean = isDifference ? round(average(exposedValues)) : null;
    const otherMean = isDifference ? round(average(otherValues)) : null;
    const sampleSize = candidate.exposed.length + candidate.other.length;
    const insight: Omit<Insight, 'statement'> = {
      key: candidate.key,
      exposure: candidate.exposure,
      subject: candidate.subject,
      outcome: candidate.outcome,
      lagDays: candidate.lagDays,
      method: candidate.method,
      effect: round(statistic, isDifference ? 2 : 3),
      standardizedEffect: isDifference ? round(cohensD(exposedValues, otherValues)) : null,
      exposedMean,
      otherMean,
      sampleSize,
      exposedDays: candidate.exposed.length,
      otherDays: candidate.other.length,
      pValue: round(pValue, 4),
      qValue: round(qValue, 4),
      evidence: candidate.exposed.slice(0, MAX_EVIDENCE).map(evidenceOf),
      evidenceTotal: candidate.exposed.length,
    };
    insights.push({ ...insight, statement: statementOf(insight) });
  });
  insights.sort((a, b) => a.qValue - b.qValue || Math.abs(b.effect) - Math.abs(a.effect));

  return {
    tested: candidates.length,
    insights,
    anomalies: [...volumeAnomalies(input, training), ...moodAnomalies(input, journal)].sort(
      (a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind),
    ),
  };
}

function average(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Performance of each training day with volume: its volume as a % of the median volume of
 * the previous PERFORMANCE_BASELINE_SESSIONS training days (at least _MIN of them).
 */
export function performanceByDay(training: TrainingDayRow[]): Map<string, number> {
  const result = new Map<string, number>();
  const previous: number[] = [];
  for (const row of training) {
    if (row.volumeKg <= 0) continue;
    const window = previous.slice(-PERFORMANCE_BASELINE_SESSIONS);
    if (window.length >= PERFORMANCE_BASELINE_MIN) {
      const norm = median(window);
      if (norm > 0) result.set(row.day, (row.volumeKg / norm) * 100);
    }
    previous.push(row.volumeKg);
  }
  return result;
}

function volumeAnomalies(input: AnalysisInput, training: Map<string, TrainingDayRow>): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const withVolume = input.training.filter((row) => row.volumeKg > 0);
  withVolume.forEach((row, index) => {
    if (row.day < input.firstDay || row.day > input.lastDay) return;
    const baseline = withVolume
      .slice(Math.max(0, index - VOLUME_BASELINE_SESSIONS), index)
      .map((previous) => previous.volumeKg);
    if (baseline.length < VOLUME_BASELINE_MIN) return;
    const score = robustZ(row.volumeKg, baseline);
    if (!score || score.z > -ROBUST_Z_THRESHOLD) return;
    anomalies.push({
      kind: 'low_session_volume',
      date: row.day,
      statement: '',
      value: row.volumeKg,
      baselineMedian: score.median,
      baselineMad: score.mad,
      baselineDays: baseline.length,
      robustZ: round(score.z),
      threshold: -ROBUST_Z_THRESHOLD,
      entryIds: [],
      workoutIds: training.get(row.day)?.workoutIds ?? [],
    });
  });
  return anomalies;
}

function moodAnomalies(input: AnalysisInput, journal: Map<string, JournalDayRow>): Anomaly[] {
  const anomalies: Anomaly[] = [];
  // By day, so each day's baseline is a window that only moves forward (not a scan of every
  // day for every day: three years are ~1 100 days).
  const moods = input.journal
    .filter((row) => row.mood !== null)
    .sort((a, b) => a.day.localeCompare(b.day));
  let first = 0;
  for (const [index, row] of moods.entries()) {
    if (row.day < input.firstDay || row.day > input.lastDay) continue;
    const since = addDays(row.day, -MOOD_BASELINE_DAYS);
    while (moods[first].day < since) first += 1;
    const baseline = moods.slice(first, index).map((previous) => previous.mood!);
    if (baseline.length < MOOD_BASELINE_MIN) continue;
    const score = robustZ(row.mood!, baseline);
    if (!score || score.z > -ROBUST_Z_THRESHOLD) continue;
    anomalies.push({
      kind: 'mood_dip',
      date: row.day,
      statement:
        `Your mood on ${row.day} (${round(row.mood!)}) was far below your usual ` +
        `${round(score.median)} over the previous ${MOOD_BASELINE_DAYS} days ` +
        `(robust z = ${round(score.z)}, threshold −${ROBUST_Z_THRESHOLD}; ${baseline.length} days).`,
      value: round(row.mood!),
      baselineMedian: round(score.median),
      baselineMad: round(score.mad),
      baselineDays: baseline.length,
      robustZ: round(score.z),
      threshold: -ROBUST_Z_THRESHOLD,
      entryIds: journal.get(row.day)?.entryIds ?? [],
      workoutIds: [],
    });
  }
  return anomalies;
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  mood: 'your mood averaged',
  energy: 'your energy averaged',
  performance: 'your session volume averaged',
};

function when(insight: Omit<Insight, 'statement'>): string {
  const subject = insight.subject ?? '';
  switch (insight.exposure) {
    case 'training':
      return insight.lagDays === 0 ? 'On days you trained' : 'On the day after you trained';
    case 'tag':
      return `On days tagged "${subject}"`;
    case 'sleep_tag':
      return `On the day after a "${subject}" tag`;
    case 'entry_type':
      return insight.lagDays === 0
        ? `On days with a ${subject} entry`
        : `On the day after a ${subject} entry`;
    default:
      return '';
  }
}

/** The plain words of an insight, every number taken from the computed fields. */
function statementOf(insight: Omit<Insight, 'statement'>): string {
  const significance = `p = ${insight.pValue}, q = ${insight.qValue} after Benjamini–Hochberg`;
  if (insight.method === 'spearman') {
    const direction = insight.effect > 0 ? 'higher' : 'lower';
    const day = insight.lagDays === 0 ? 'that day' : 'the next day';
    return (
      `The more volume you lifted in a session, the ${direction} your ${insight.outcome} ${day} ` +
      `(Spearman ρ = ${insight.effect} over ${insight.sampleSize} training days; ${significance}).`
    );
  }
  const unit = insight.outcome === 'performance' ? '% of your recent norm' : '';
  const points = insight.outcome === 'performance' ? ' points of %' : ' points';
  const sign = insight.effect > 0 ? '+' : '';
  return (
    `${when(insight)}, ${OUTCOME_WORDS[insight.outcome]} ${insight.exposedMean}${unit} vs ` +
    `${insight.otherMean}${unit} otherwise (${sign}${insight.effect}${points}, Cohen's d = ` +
    `${insight.standardizedEffect}; ${insight.exposedDays} vs ${insight.otherDays} days; ${significance}).`
  );
}
