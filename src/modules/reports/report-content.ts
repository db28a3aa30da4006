import { ReportKind } from './report.vocabulary';

/**
 * Everything a report shows, already in the owner's units and days: what the data service
 * gathers and the renderer draws. The renderer reads nothing else, so it is tested on its own.
 */
export interface ReportContent {
  kind: ReportKind;
  /** "Monthly progress report". */
  title: string;
  ownerName: string;
  fromDate: string;
  toDate: string;
  timeZone: string;
  /** ISO 8601 instant. */
  generatedAt: string;
  weightUnit: string;
  /** The headline figures, each with its change against the previous period of equal length. */
  headlines: Headline[];
  charts: ReportCharts;
  records: RecordRow[];
  goals: GoalRow[];
  /** Plain sentences; null when the section is not part of this report. */
  insights: string[] | null;
}

export interface Headline {
  label: string;
  /** As printed, unit included ("12 450 kg"). */
  value: string;
  /** As printed ("+8.3 %", "+2", "n/a"): the same numbers as /analytics/overview. */
  change: string;
}

export interface ReportCharts {
  weeklyVolume: { weekStart: string; volume: number }[];
  e1rm: { exercise: string; points: { date: string; e1rm: number }[] }[];
  bodyWeight: { date: string; value: number }[];
  /** Per day of the period: the day's average mood (if logged) and the volume lifted that day. */
  moodTraining: { date: string; mood: number | null; volume: number }[];
  goalProgress: { title: string; percent: number }[];
}

export interface RecordRow {
  date: string;
  exercise: string;
  /** "Best e1RM", "Max weight", ... */
  kind: string;
  value: string;
}

export interface GoalRow {
  title: string;
  status: string;
  /** "64 %". */
  progress: string;
  target: string;
  deadline: string;
}
