import type { CatalogueExercise } from '../exercises/exercises.service';
import type { TemplateDayInputDto } from '../templates/dto/template-input.dto';
import type { TemplateDayDto } from '../templates/dto/template.dto';
import { Equipment, ExerciseLevel, Muscle } from '../training/exercise-attributes.vocabulary';
import { setsPerMuscle } from '../training/muscle-sets.vocabulary';
import { ProgressionType } from '../training/progression-rule.vocabulary';
import { rankSubstitutes, SubstitutionReason } from './substitutions';
import { ACWR_HIGH, loadFeatures, TrainingLoad } from './training-load';

/** One session of one template exercise, summed over its working sets (SQL). */
export interface ExerciseSession {
  exerciseId: string;
  sessionAt: Date;
  /** Best estimated one-rep max of the session's sets, kg; null without weighted sets. */
  bestE1rmKg: number | null;
  sets: number;
  /** Sets below the prescribed minimum reps. */
  missedSets: number;
  /** Mean of (logged RPE − prescribed RPE) over the sets that have both; null if none. */
  rpeDrift: number | null;
}

export enum ChangeKind {
  IncreaseLoad = 'increase_load',
  Deload = 'deload',
  SwapExercise = 'swap_exercise',
  AddSet = 'add_set',
  RemoveSet = 'remove_set',
}

export interface ProposedChange {
  /** Stable within the proposal: what the user names to apply it. */
  id: string;
  kind: ChangeKind;
  dayIndex: number;
  exerciseIndex: number;
  exerciseId: string;
  exerciseName: string;
  reason: string;
  /** The numbers behind the reason. */
  evidence: Record<string, number | number[] | string | null>;
  /** For swap_exercise: the variation proposed. */
  replacementExerciseId: string | null;
  replacementName: string | null;
}

/** Sessions of an exercise needed before judging it (fewer: no proposal for it). */
export const MIN_SESSIONS = 3;
/** A recent best within this fraction of the earlier best is a stall. */
export const STALL_TOLERANCE = 0.01;
/** Share of missed sets over the last two sessions that calls for a deload. */
export const MISSED_SHARE_FOR_DELOAD = 1 / 3;
/** Mean RPE above the prescription over the last three sessions that calls for a deload. */
export const RPE_DRIFT_FOR_DELOAD = 1;
/** Load change of a deload (−10 %) and of an increase (+2.5 kg). */
export const DELOAD_FACTOR = 0.9;
export const LOAD_INCREMENT_KG = 2.5;
/** Weekly sets per muscle outside which the volume is rebalanced (Schoenfeld et al. 2017). */
export const WEEKLY_SETS_RANGE: [number, number] = [6, 20];

export const MAJOR_MUSCLES: Muscle[] = [
  Muscle.Chest,
  Muscle.Lats,
  Muscle.MiddleBack,
  Muscle.Quadriceps,
  Muscle.Hamstrings,
  Muscle.Glutes,
  Muscle.Shoulders,
];

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Changes to propose for a template from the user's sessions of it (docs/ai-coach.md,
 * "Template optimisation"). Per exercise with at least MIN_SESSIONS sessions, one of:
 * deload (missed reps or RPE drift), swap for a variation (stalled e1RM), increase load
 * (progressing with no progression rule to do it). Then the weekly sets per major muscle,
 * from the structure, are brought within WEEKLY_SETS_RANGE by adding or removing a set.
 * When the user's training load runs high (acute:chronic workload ratio above ACWR_HIGH,
 * training-load.ts), every exercise not already deloaded gets a deload: a deload week, with
 * the load's numbers as evidence.
 */
export function proposeChanges(input: {
  days: TemplateDayDto[];
  history: ExerciseSession[];
  catalogue: readonly CatalogueExercise[];
  equipment: Equipment[];
  level: ExerciseLevel | null;
  /** The user's training load over all their sessions; absent: not judged. */
  load?: TrainingLoad;
}): ProposedChange[] {
  const changes: ProposedChange[] = [];
  const byId = new Map(input.catalogue.map((e) => [e.id, e]));
  const sessionsOf = new Map<string, ExerciseSession[]>();
  for (const s of [...input.history].sort(
    (a, b) => a.sessionAt.getTime() - b.sessionAt.getTime(),
  )) {
    sessionsOf.set(s.exerciseId, [...(sessionsOf.get(s.exerciseId) ?? []), s]);
  }
  const judged = new Set<string>();
  input.days.forEach((day, dayIndex) => {
    day.exercises.forEach((item, exerciseIndex) => {
      if (judged.has(item.exerciseId)) return; // judged once, at its first place
      judged.add(item.exerciseId);
      const sessions = sessionsOf.get(item.exerciseId) ?? [];
      if (sessions.length < MIN_SESSIONS) return;
      const at = {
        dayIndex,
        exerciseIndex,
        exerciseId: item.exerciseId,
        exerciseName: item.exerciseName,
      };
      const lastTwo = sessions.slice(-2);
      const missed = lastTwo.reduce((n, s) => n + s.missedSets, 0);
      const total = lastTwo.reduce((n, s) => n + s.sets, 0);
      const drifts = sessions
        .slice(-3)
        .map((s) => s.rpeDrift)
        .filter((d): d is number => d !== null);
      const drift = drifts.length ? drifts.reduce((a, b) => a + b, 0) / drifts.length : null;
      const e1rms = sessions.map((s) => s.bestE1rmKg);
      if (
        (total > 0 && missed / total >= MISSED_SHARE_FOR_DELOAD) ||
        (drift !== null && drift >= RPE_DRIFT_FOR_DELOAD)
      ) {
        changes.push({
          id: '',
          kind: ChangeKind.Deload,
          ...at,
          reason:
            `Missed reps in ${missed} of ${total} sets over the last two sessions` +
            (drift !== null ? `, RPE ${round(drift, 1)} above the target on average` : '') +
            ': lower the load by 10 % (and the effort target by one) for a week, then build back up.',
          evidence: {
            missedSets: missed,
            sets: total,
            rpeDrift: drift === null ? null : round(drift, 2),
            e1rmKg: e1rms.map((v) => (v === null ? 0 : round(v))),
          },
          replacementExerciseId: null,
          replacementName: null,
        });
        return;
      }
      const recent = e1rms.slice(-3).filter((v): v is number => v !== null);
      const earlier = e1rms.slice(0, -3).filter((v): v is number => v !== null);
      if (recent.length > 0 && earlier.length > 0) {
        const bestRecent = Math.max(...recent);
        const bestBefore = Math.max(...earlier);
        if (bestRecent <= bestBefore * (1 + STALL_TOLERANCE)) {
          const source = byId.get(item.exerciseId);
          const variation = source
            ? rankSubstitutes(source, input.catalogue, {
                reason: SubstitutionReason.Variety,
                equipment: input.equipment,
                missingEquipment: [],
                avoidMuscles: [],
                level: input.level,
                limit: 1,
              })[0]
            : undefined;
          if (variation) {
            changes.push({
              id: '',
              kind: ChangeKind.SwapExercise,
              ...at,
              reason: `Estimated 1RM stalled: best of the last three sessions ${round(bestRecent, 1)} kg against ${round(bestBefore, 1)} kg before; a variation working the same muscles (${Math.round(variation.muscleOverlap * 100)} % overlap) gives a new stimulus.`,
              evidence: {
                bestRecentE1rmKg: round(bestRecent),
                bestEarlierE1rmKg: round(bestBefore),
                e1rmKg: e1rms.map((v) => (v === null ? 0 : round(v))),
              },
              replacementExerciseId: variation.exercise.id,
              replacementName: variation.exercise.name,
            });
          }
          return;
        }
        const weighted = item.sets.some((s) => s.weightKg !== null);
        if (
          weighted &&
          item.progression.type === ProgressionType.None &&
          missed === 0 &&
          (drift ?? 0) <= 0
        ) {
          changes.push({
            id: '',
            kind: ChangeKind.IncreaseLoad,
            ...at,
            reason: `Every set completed at or under the target effort and the estimated 1RM rose from ${round(bestBefore, 1)} to ${round(bestRecent, 1)} kg, with no progression rule: add ${LOAD_INCREMENT_KG} kg.`,
            evidence: {
              bestRecentE1rmKg: round(bestRecent),
              bestEarlierE1rmKg: round(bestBefore),
              incrementKg: LOAD_INCREMENT_KG,
            },
            replacementExerciseId: null,
            replacementName: null,
          });
        }
      }
    });
  });
  if (input.load?.zone === 'high') changes.push(...deloadWeek(input.days, changes, input.load));
  changes.push(...rebalance(input.days, byId));
  return changes.map((change, i) => ({ ...change, id: `c${i + 1}` }));
}

/** Weekly sets per muscle of the structure (working sets, counted by setsPerMuscle). */
export function weeklySetsByMuscle(
  days: TemplateDayDto[],
  byId: ReadonlyMap<string, Pick<CatalogueExercise, 'primaryMuscles' | 'secondaryMuscles'>>,
): Map<Muscle, number> {
  return setsPerMuscle(
    days.flatMap((day) =>
      day.exercises.map((item) => ({
        exerciseId: item.exerciseId,
        sets: item.sets.filter((s) => s.type !== 'warm_up').length,
      })),
    ),
    byId,
  );
}

/** A deload of every exercise (at its first place) not already deloaded, for a high load. */
function deloadWeek(
  days: TemplateDayDto[],
  proposed: readonly ProposedChange[],
  load: TrainingLoad,
): ProposedChange[] {
  const deloaded = new Set(
    proposed.filter((c) => c.kind === ChangeKind.Deload).map((c) => c.exerciseId),
  );
  const changes: ProposedChange[] = [];
  days.forEach((day, dayIndex) =>
    day.exercises.forEach((item, exerciseIndex) => {
      if (deloaded.has(item.exerciseId)) return;
      deloaded.add(item.exerciseId);
      changes.push({
        id: '',
        kind: ChangeKind.Deload,
        dayIndex,
        exerciseIndex,
        exerciseId: item.exerciseId,
        exerciseName: item.exerciseName,
        reason: `Training load is running high: ${load.acuteLoad} AU (session RPE × minutes) in the last 7 days against ${load.chronicWeeklyLoad} AU a week over the last 28, an acute:chronic ratio of ${load.acwr} above ${ACWR_HIGH} (Gabbett 2016; sRPE, Foster 2001): take a deload week, 10 % lighter and one RPE easier.`,
        evidence: loadFeatures(load),
        replacementExerciseId: null,
        replacementName: null,
      });
    }),
  );
  return changes;
}

function rebalance(
  days: TemplateDayDto[],
  byId: ReadonlyMap<string, CatalogueExercise>,
): ProposedChange[] {
  const weekly = weeklySetsByMuscle(days, byId);
  const changes: ProposedChange[] = [];
  const [min, max] = WEEKLY_SETS_RANGE;
  for (const muscle of MAJOR_MUSCLES) {
    const sets = weekly.get(muscle);
    if (sets === undefined) continue; // not trained by this template: not ours to add
    const places = days.flatMap((day, dayIndex) =>
      day.exercises
        .map((item, exerciseIndex) => ({ item, dayIndex, exerciseIndex }))
        .filter(({ item }) => byId.get(item.exerciseId)?.primaryMuscles.includes(muscle)),
    );
    if (places.length === 0) continue;
    if (sets < min) {
      const place = [...places].sort((a, b) => a.item.sets.length - b.item.sets.length)[0];
      if (place.item.sets.length >= 20) continue;
      changes.push({
        id: '',
        kind: ChangeKind.AddSet,
        dayIndex: place.dayIndex,
        exerciseIndex: place.exerciseIndex,
        exerciseId: place.item.exerciseId,
        exerciseName: place.item.exerciseName,
        reason: `${muscle} gets ${round(sets, 1)} sets a week, under the ${min}–${max} range where growth responds to volume (Schoenfeld et al. 2017): add a set.`,
        evidence: { muscle, weeklySets: round(sets, 1), min, max },
        replacementExerciseId: null,
        replacementName: null,
      });
    } else if (sets > max) {
      const place = [...places].sort((a, b) => b.item.sets.length - a.item.sets.length)[0];
      if (place.item.sets.length <= 1) continue;
      changes.push({
        id: '',
        kind: ChangeKind.RemoveSet,
        dayIndex: place.dayIndex,
        exerciseIndex: place.exerciseIndex,
        exerciseId: place.item.exerciseId,
        exerciseName: place.item.exerciseName,
        reason: `${muscle} gets ${round(sets, 1)} sets a week, over ${max}, where extra sets add fatigue more than growth: remove a set.`,
        evidence: { muscle, weeklySets: round(sets, 1), min, max },
        replacementExerciseId: null,
        replacementName: null,
      });
    }
  }
  return changes;
}

/** Plates: loads are rounded to 0.5 kg. */
const toPlates = (kg: number) => Math.round(kg * 2) / 2;

/**
 * The template's days as a PUT body, with the chosen changes applied (loads in kilograms).
 * Exercises are addressed by day and position, which the template version pins.
 */
export function applyChanges(
  days: TemplateDayDto[],
  chosen: ProposedChange[],
): TemplateDayInputDto[] {
  const input: TemplateDayInputDto[] = days.map((day) => ({
    name: day.name,
    notes: day.notes,
    exercises: day.exercises.map((item) => ({
      exerciseId: item.exerciseId,
      notes: item.notes,
      progression:
        item.progression.type === ProgressionType.LinearLoad
          ? {
              type: ProgressionType.LinearLoad,
              incrementKg: item.progression.incrementKg,
              when: item.progression.when,
            }
          : { type: ProgressionType.None },
      sets: item.sets.map((set) => ({
        type: set.type,
        repsMin: set.repsMin,
        repsMax: set.repsMax,
        weightKg: set.weightKg,
        percentE1rm: set.percentE1rm,
        rpeTarget: set.rpeTarget,
        rirTarget: set.rirTarget,
        restSeconds: set.restSeconds,
      })),
    })),
  }));
  for (const change of chosen) {
    const item = input[change.dayIndex]?.exercises[change.exerciseIndex];
    if (!item || item.exerciseId !== change.exerciseId) continue;
    switch (change.kind) {
      case ChangeKind.Deload:
        item.sets = item.sets.map((set) => ({
          ...set,
          weightKg:
            set.weightKg === null || set.weightKg === undefined
              ? set.weightKg
              : toPlates(set.weightKg * DELOAD_FACTOR),
          percentE1rm: set.percentE1rm
            ? Math.max(1, round(set.percentE1rm * DELOAD_FACTOR))
            : set.percentE1rm,
          rpeTarget: set.rpeTarget ? Math.max(1, set.rpeTarget - 1) : set.rpeTarget,
          rirTarget:
            set.rirTarget === null || set.rirTarget === undefined
              ? set.rirTarget
              : Math.min(10, set.rirTarget + 1),
        }));
        break;
      case ChangeKind.IncreaseLoad:
        item.sets = item.sets.map((set) => ({
          ...set,
          weightKg:
            set.weightKg === null || set.weightKg === undefined
              ? set.weightKg
              : Math.min(1000, set.weightKg + LOAD_INCREMENT_KG),
        }));
        break;
      case ChangeKind.SwapExercise:
        if (change.replacementExerciseId) item.exerciseId = change.replacementExerciseId;
        break;
      case ChangeKind.AddSet:
        if (item.sets.length < 20)
          item.sets = [...item.sets, { ...item.sets[item.sets.length - 1] }];
        break;
      case ChangeKind.RemoveSet:
        if (item.sets.length > 1) item.sets = item.sets.slice(0, -1);
        break;
    }
  }
  return input;
}
