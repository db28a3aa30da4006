import { parse } from 'csv-parse';
import { DateTime } from 'luxon';
import { toKilograms, WeightUnit } from '../../../common/units/weight-unit';
import { SetType } from '../../training/set-type.vocabulary';
import { CsvImportPlan, PlannedWorkout, RowError } from './import-plan';

type Row = Record<string, string>;

const STRONG_COLUMNS = ['Date', 'Workout Name', 'Exercise Name', 'Set Order', 'Weight', 'Reps'];
const HEVY_COLUMNS = [
  'title',
  'start_time',
  'end_time',
  'exercise_title',
  'set_index',
  'set_type',
  'reps',
];

/** Parses the CSV (comma or semicolon, BOM tolerated); a file that is not CSV is one error. */
async function readCsv(
  content: Buffer,
): Promise<{ rows: { line: number; row: Row }[]; header: string[] } | RowError> {
  try {
    const records = await new Promise<{ record: Row; info: { lines: number } }[]>(
      (resolve, reject) =>
        parse(
          content,
          {
            columns: true,
            bom: true,
            delimiter: [',', ';'],
            skip_empty_lines: true,
            trim: true,
            info: true,
          },
          (error, output) =>
            error ? reject(error) : resolve(output as { record: Row; info: { lines: number } }[]),
        ),
    );
    const header = records.length ? Object.keys(records[0].record) : [];
    return { rows: records.map((r) => ({ line: r.info.lines, row: r.record })), header };
  } catch (error) {
    return {
      row: (error as { lines?: number }).lines ?? 1,
      message: `Not a readable CSV file: ${(error as Error).message}`,
    };
  }
}

class RowChecker {
  readonly errors: RowError[] = [];
  constructor(private readonly line: number) {}

  fail(field: string, message: string): null {
    this.errors.push({ row: this.line, field, message });
    return null;
  }

  number(
    field: string,
    raw: string | undefined,
    min: number,
    max: number,
    integer = false,
  ): number | null {
    if (raw === undefined || raw === '') return null;
    const value = Number(raw.replace(',', '.'));
    if (
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (integer && !Number.isInteger(value))
    ) {
      return this.fail(
        field,
        `${field} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not ${JSON.stringify(raw)}`,
      );
    }
    return value;
  }

  text(field: string, raw: string | undefined, max: number, required = false): string | null {
    const value = (raw ?? '').trim();
    if (!value) return required ? this.fail(field, `${field} is required`) : null;
    if (value.length > max) return this.fail(field, `${field} is longer than ${max} characters`);
    return value;
  }

  date(field: string, raw: string | undefined, formats: string[], zone: string): Date | null {
    const value = (raw ?? '').trim();
    for (const format of formats) {
      const parsed = DateTime.fromFormat(value, format, { zone, locale: 'en' });
      if (parsed.isValid) return parsed.toJSDate();
    }
    const iso = DateTime.fromISO(value, { zone });
    if (value && iso.isValid) return iso.toJSDate();
    return this.fail(field, `${field} is not a date (${formats[0]}): ${JSON.stringify(value)}`);
  }
}

function missingColumns(header: string[], required: string[]): RowError | null {
  const missing = required.filter((c) => !header.includes(c));
  return missing.length
    ? {
        row: 1,
        message: `The header lacks the column(s) ${missing.join(', ')}: is this the right export format?`,
      }
    : null;
}

/** "1h 5m", "45m", "50s", "3600" (seconds). */
function durationSeconds(raw: string): number | null {
  const value = raw.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const match = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/.exec(value);
  if (!match || (!match[1] && !match[2] && !match[3])) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** Groups rows into workouts (by key, in file order), exercises (by name) and sets. */
class WorkoutBuilder {
  private readonly byKey = new Map<string, PlannedWorkout>();

  add(
    key: string,
    start: () => Omit<PlannedWorkout, 'exercises'>,
    exercise: { name: string; notes: string | null },
    set: PlannedWorkout['exercises'][number]['sets'][number],
  ): void {
    let workout = this.byKey.get(key);
    if (!workout) {
      workout = { ...start(), exercises: [] };
      this.byKey.set(key, workout);
    }
    let planned = workout.exercises.find((e) => e.name === exercise.name);
    if (!planned) {
      planned = { name: exercise.name, notes: exercise.notes, sets: [] };
      workout.exercises.push(planned);
    }
    planned.sets.push(set);
  }

  get workouts(): PlannedWorkout[] {
    return [...this.byKey.values()];
  }
}

const STRONG_SET_ORDER: Record<string, SetType> = {
  W: SetType.WarmUp,
  D: SetType.Drop,
  F: SetType.Failure,
};

/**
 * Strong's "Export data" CSV (docs/data-rights.md has the mapping): one row per set,
 * `Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Reps;Distance;Seconds;Notes;Workout Notes;RPE`
 * (comma or semicolon), local times without a zone, weights in the app's unit (no unit column).
 */
export async function readStrongCsv(
  content: Buffer,
  zone: string,
  unit: WeightUnit,
): Promise<CsvImportPlan> {
  const csv = await readCsv(content);
  if (!('rows' in csv)) return { rowsRead: 0, errors: [csv], workouts: [] };
  const missing = missingColumns(csv.header, STRONG_COLUMNS);
  if (missing) return { rowsRead: csv.rows.length, errors: [missing], workouts: [] };
  const builder = new WorkoutBuilder();
  const errors: RowError[] = [];
  for (const { line, row } of csv.rows) {
    const check = new RowChecker(line);
    const date = check.date('Date', row['Date'], ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm'], zone);
    const name = check.text('Workout Name', row['Workout Name'], 100, true);
    const exercise = check.text('Exercise Name', row['Exercise Name'], 120, true);
    const order = (row['Set Order'] ?? '').trim().toUpperCase();
    const type = STRONG_SET_ORDER[order] ?? (/^\d+$/.test(order) ? SetType.Normal : null);
    if (!type)
      check.fail(
        'Set Order',
        `Set Order must be a number, W, D or F, not ${JSON.stringify(order)}`,
      );
    const weight = check.number('Weight', row['Weight'], 0, 2000);
    const reps = check.number('Reps', row['Reps'], 0, 1000, true);
    const seconds = check.number('Seconds', row['Seconds'], 0, 86_400, true);
    const rpe = check.number('RPE', row['RPE'], 1, 10);
    const rawDuration = row['Duration'] ?? '';
    const duration = durationSeconds(rawDuration);
    if (rawDuration.trim() && duration === null) {
      check.fail(
        'Duration',
        `Duration must look like "1h 5m", "45m" or seconds, not ${JSON.stringify(rawDuration)}`,
      );
    }
    if (check.errors.length) {
      errors.push(...check.errors);
      continue;
    }
    builder.add(
      `${row['Date']}|${name}`,
      () => ({
        name: name!,
        startedAt: date!,
        completedAt: new Date(date!.getTime() + (duration ?? 0) * 1000),
        notes: row['Workout Notes']?.trim() || null,
      }),
      { name: exercise!, notes: row['Notes']?.trim() || null },
      {
        type: type!,
        weightKg: weight === null ? null : toKilograms(weight, unit),
        reps,
        rpe,
        durationSeconds: seconds,
      },
    );
  }
  return { rowsRead: csv.rows.length, errors, workouts: errors.length ? [] : builder.workouts };
}

const HEVY_SET_TYPE: Record<string, SetType> = {
  normal: SetType.Normal,
  warmup: SetType.WarmUp,
  dropset: SetType.Drop,
  failure: SetType.Failure,
};

/**
 * Hevy's "Export workouts" CSV: one row per set,
 * `title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg|weight_lbs,reps,distance_km|distance_miles,duration_seconds,rpe`,
 * times like `15 Jan 2024, 08:30` in the phone's zone.
 */
export async function readHevyCsv(content: Buffer, zone: string): Promise<CsvImportPlan> {
  const csv = await readCsv(content);
  if (!('rows' in csv)) return { rowsRead: 0, errors: [csv], workouts: [] };
  const missing = missingColumns(csv.header, HEVY_COLUMNS);
  if (missing) return { rowsRead: csv.rows.length, errors: [missing], workouts: [] };
  const weightColumn = csv.header.includes('weight_lbs') ? 'weight_lbs' : 'weight_kg';
  const unit = weightColumn === 'weight_lbs' ? WeightUnit.Pound : WeightUnit.Kilogram;
  const formats = [
    'd MMM yyyy, HH:mm',
    'dd MMM yyyy, HH:mm',
    'yyyy-MM-dd HH:mm:ss',
    'yyyy-MM-dd HH:mm',
  ];
  const builder = new WorkoutBuilder();
  const errors: RowError[] = [];
  for (const { line, row } of csv.rows) {
    const check = new RowChecker(line);
    const start = check.date('start_time', row['start_time'], formats, zone);
    const end = check.date('end_time', row['end_time'], formats, zone);
    if (start && end && end < start) check.fail('end_time', 'end_time is before start_time');
    const title = check.text('title', row['title'], 100, true);
    const exercise = check.text('exercise_title', row['exercise_title'], 120, true);
    check.number('set_index', row['set_index'], 0, 1000, true);
    const type = HEVY_SET_TYPE[(row['set_type'] ?? '').trim().toLowerCase()];
    if (!type)
      check.fail(
        'set_type',
        `set_type must be normal, warmup, dropset or failure, not ${JSON.stringify(row['set_type'] ?? '')}`,
      );
    const weight = check.number(weightColumn, row[weightColumn], 0, 2000);
    const reps = check.number('reps', row['reps'], 0, 1000, true);
    const seconds = check.number('duration_seconds', row['duration_seconds'], 0, 86_400, true);
    const rpe = check.number('rpe', row['rpe'], 1, 10);
    if (check.errors.length) {
      errors.push(...check.errors);
      continue;
    }
    builder.add(
      `${row['start_time']}|${title}`,
      () => ({
        name: title!,
        startedAt: start!,
        completedAt: end!,
        notes: row['description']?.trim() || null,
      }),
      { name: exercise!, notes: row['exercise_notes']?.trim() || null },
      {
        type,
        weightKg: weight === null ? null : toKilograms(weight, unit),
        reps,
        rpe,
        durationSeconds: seconds,
      },
    );
  }
  return { rowsRead: csv.rows.length, errors, workouts: errors.length ? [] : builder.workouts };
}
