import { SetType } from '../../training/set-type.vocabulary';

/** A row that failed, and why: the whole import is refused when there is one. */
export interface RowError {
  row: number;
  file?: string;
  field?: string;
  message: string;
}

export interface PlannedSet {
  type: SetType;
  weightKg: number | null;
  reps: number | null;
  rpe: number | null;
  durationSeconds: number | null;
}

export interface PlannedExercise {
  /** The name in the file, matched against the library. */
  name: string;
  notes: string | null;
  sets: PlannedSet[];
}

/** One workout of a Strong or Hevy file, in FitAI's terms. */
export interface PlannedWorkout {
  name: string;
  startedAt: Date;
  completedAt: Date;
  notes: string | null;
  exercises: PlannedExercise[];
}

/** What a CSV file holds once read and checked. */
export interface CsvImportPlan {
  rowsRead: number;
  errors: RowError[];
  workouts: PlannedWorkout[];
}

/** Lower-case letters and digits, single spaces: "Bench Press (Barbell)" → "bench press barbell". */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The names an exercise of a Strong/Hevy file may have in the library: as written, and with the
 * equipment in parentheses moved to the front ("Bench Press (Barbell)" → "barbell bench press").
 */
export function candidateNames(name: string): string[] {
  const out = [normaliseName(name)];
  const match = /^(.*)\(([^)]+)\)\s*$/.exec(name.trim());
  if (match) {
    const base = normaliseName(match[1]);
    const equipment = normaliseName(match[2]);
    out.push(`${equipment} ${base}`, base);
  }
  return [...new Set(out)];
}

/** The keys a library exercise answers to: its name, and its name before " - " (a variant). */
export function libraryKeys(name: string): string[] {
  const keys = [normaliseName(name)];
  const dash = name.indexOf(' - ');
  if (dash > 0) keys.push(normaliseName(name.slice(0, dash)));
  return keys;
}
