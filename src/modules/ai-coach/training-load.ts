/**
 * Training load by session RPE (docs/ai-coach.md, "Training load"), the one computation shared
 * by recommendations and template optimisation.
 *
 * - Session load (Foster et al. 2001, "A new approach to monitoring exercise training"):
 *   session RPE (CR-10) × duration in minutes, in arbitrary units (AU). FitAI has no separate
 *   post-session rating, so the session RPE is the mean RPE logged on its working sets; a
 *   session without any logged RPE takes the mean of the window's rated sessions, else
 *   DEFAULT_SESSION_RPE.
 * - Acute:chronic workload ratio (Gabbett 2016, "The training–injury prevention paradox",
 *   BJSM 50:273): acute = load of the last 7 days; chronic = weekly average of the last 28
 *   days (rolling averages, the acute week included, as in the paper). 0.8–1.3 is the "sweet
 *   spot"; above 1.5 the risk of injury rises sharply: a deload is proposed.
 * - The ratio needs four weeks of history to mean anything: with less (first session fewer
 *   than MIN_HISTORY_DAYS days ago) it is null, zone 'unknown'.
 */

export interface SessionLoadInput {
  at: Date;
  durationMinutes: number;
  /** Mean logged RPE of the session's working sets; null when none was logged. */
  sessionRpe: number | null;
}

export const ACUTE_DAYS = 7;
export const CHRONIC_DAYS = 28;
export const MIN_HISTORY_DAYS = 21;
/** CR-10 5 ("hard"): what an unrated session is assumed to be when nothing else is known. */
export const DEFAULT_SESSION_RPE = 5;
export const ACWR_SWEET_SPOT: readonly [number, number] = [0.8, 1.3];
export const ACWR_HIGH = 1.5;
export const TRAINING_LOAD_SOURCES = [
  'Foster C. et al. (2001) A new approach to monitoring exercise training. J Strength Cond Res 15(1):109-115',
  'Gabbett T.J. (2016) The training-injury prevention paradox: should athletes be training smarter and harder? Br J Sports Med 50:273-280',
] as const;

export type LoadZone = 'unknown' | 'low' | 'optimal' | 'caution' | 'high';

export interface TrainingLoad {
  /** Sum of session loads (AU) in the last ACUTE_DAYS days. */
  acuteLoad: number;
  /** Sum over the last CHRONIC_DAYS days divided by 4 (AU per week). */
  chronicWeeklyLoad: number;
  /** acute / chronic, 2 decimals; null without enough history or with no chronic load. */
  acwr: number | null;
  zone: LoadZone;
  sessionsAcute: number;
  sessionsChronic: number;
  /** Sessions of the window whose RPE was assumed (none logged). */
  sessionsWithoutRpe: number;
  /** Days since the first session ever (null: never trained). */
  historyDays: number | null;
}

const DAY_MS = 86_400_000;
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

/** Foster's session load: RPE × minutes (AU). */
export function sessionLoad(sessionRpe: number, durationMinutes: number): number {
  return sessionRpe * durationMinutes;
}

/**
 * The training load as of `asOf`, from the sessions of the last CHRONIC_DAYS days (older ones
 * are ignored; sessions after `asOf` too) and the instant of the user's first session ever.
 */
export function trainingLoad(
  sessions: readonly SessionLoadInput[],
  firstSessionAt: Date | null,
  asOf: Date,
): TrainingLoad {
  const end = asOf.getTime();
  const inWindow = (s: SessionLoadInput, days: number) =>
    s.at.getTime() <= end && s.at.getTime() > end - days * DAY_MS;
  const chronic = sessions.filter((s) => inWindow(s, CHRONIC_DAYS));
  const rated = chronic.filter((s) => s.sessionRpe !== null);
  const fallbackRpe = rated.length
    ? rated.reduce((sum, s) => sum + s.sessionRpe!, 0) / rated.length
    : DEFAULT_SESSION_RPE;
  const loadOf = (s: SessionLoadInput) =>
    sessionLoad(s.sessionRpe ?? fallbackRpe, Math.max(0, s.durationMinutes));
  const acute = chronic.filter((s) => inWindow(s, ACUTE_DAYS));
  const acuteLoad = acute.reduce((sum, s) => sum + loadOf(s), 0);
  const chronicWeeklyLoad = chronic.reduce((sum, s) => sum + loadOf(s), 0) / (CHRONIC_DAYS / 7);
  const historyDays =
    firstSessionAt === null ? null : Math.floor((end - firstSessionAt.getTime()) / DAY_MS);
  const acwr =
    historyDays !== null && historyDays >= MIN_HISTORY_DAYS && chronicWeeklyLoad > 0
      ? round(acuteLoad / chronicWeeklyLoad)
      : null;
  return {
    acuteLoad: round(acuteLoad, 1),
    chronicWeeklyLoad: round(chronicWeeklyLoad, 1),
    acwr,
    zone: zoneOf(acwr),
    sessionsAcute: acute.length,
    sessionsChronic: chronic.length,
    sessionsWithoutRpe: chronic.length - rated.length,
    historyDays,
  };
}

export function zoneOf(acwr: number | null): LoadZone {
  if (acwr === null) return 'unknown';
  if (acwr > ACWR_HIGH) return 'high';
  if (acwr > ACWR_SWEET_SPOT[1]) return 'caution';
  if (acwr < ACWR_SWEET_SPOT[0]) return 'low';
  return 'optimal';
}

/** The load's numbers as evidence / features (flat, JSON-friendly). */
export function loadFeatures(load: TrainingLoad): Record<string, number | string | null> {
  return {
    acwr: load.acwr,
    acuteLoad: load.acuteLoad,
    chronicWeeklyLoad: load.chronicWeeklyLoad,
    zone: load.zone,
    sessionsAcute: load.sessionsAcute,
    sessionsChronic: load.sessionsChronic,
    sessionsWithoutRpe: load.sessionsWithoutRpe,
    acwrHigh: ACWR_HIGH,
  };
}
