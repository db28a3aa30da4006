import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../infrastructure/database/data-source-options';

/** One record of data/exercises.json (the free-exercise-db format). */
export interface ExerciseRecord {
  id: string;
  name: string;
  force: string | null;
  level: string;
  mechanic: string | null;
  equipment: string | null;
  category: string;
  primaryMuscles: string[];
  secondaryMuscles: string[];
  instructions: string[];
}

/** The shipped data set, relative to the repository (or image) root. */
export const DEFAULT_EXERCISE_FILE = 'data/exercises.json';

export interface SeedResult {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const COLUMNS = [
  'name',
  'force',
  'level',
  'mechanic',
  'equipment',
  'category',
  'primary_muscles',
  'secondary_muscles',
  'instructions',
  'instructions_text',
];

/**
 * Loads the library in one statement. Idempotent: a record is inserted if new, updated only
 * if a field changed, and left alone otherwise; user-made exercises are never touched (they
 * have their own slugs, and the update is limited to library rows). Values that are not in
 * the enums make the whole statement fail, so a bad data file changes nothing.
 */
export async function seedExercises(
  db: DataSource,
  records: ExerciseRecord[],
): Promise<SeedResult> {
  const rows = records.map((r) => ({
    slug: r.id,
    name: r.name,
    force: r.force,
    level: r.level,
    mechanic: r.mechanic,
    equipment: r.equipment,
    category: r.category,
    primary_muscles: r.primaryMuscles,
    secondary_muscles: r.secondaryMuscles,
    instructions: r.instructions,
  }));
  const changed: { inserted: boolean }[] = await db.query(
    `INSERT INTO exercises (slug, ${COLUMNS.join(', ')}, source, status)
     SELECT r.slug, r.name, r.force::exercise_force, r.level::exercise_level,
            r.mechanic::exercise_mechanic, r.equipment::equipment, r.category::exercise_category,
            ARRAY(SELECT jsonb_array_elements_text(r.primary_muscles))::muscle[],
            ARRAY(SELECT jsonb_array_elements_text(r.secondary_muscles))::muscle[],
            ARRAY(SELECT jsonb_array_elements_text(r.instructions)),
            array_to_string(ARRAY(SELECT jsonb_array_elements_text(r.instructions)), ' '),
            'library', 'approved'
       FROM jsonb_to_recordset($1::jsonb) AS r(
              slug text, name text, force text, level text, mechanic text, equipment text,
              category text, primary_muscles jsonb, secondary_muscles jsonb, instructions jsonb)
     ON CONFLICT (slug) DO UPDATE
        SET ${COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
      WHERE exercises.source = 'library'
        AND (${COLUMNS.map((c) => `exercises.${c}`).join(', ')})
            IS DISTINCT FROM (${COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')})
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  );
  const inserted = changed.filter((c) => c.inserted).length;
  const updated = changed.length - inserted;
  return { total: records.length, inserted, updated, unchanged: records.length - changed.length };
}

export async function readExerciseFile(path: string): Promise<ExerciseRecord[]> {
  return JSON.parse(await readFile(path, 'utf8')) as ExerciseRecord[];
}

/** Seeds the database at `databaseUrl` from `file` over a connection of its own. */
export async function seedExerciseLibrary(databaseUrl: string, file: string): Promise<SeedResult> {
  const db = await new DataSource(
    buildDataSourceOptions({ url: databaseUrl, poolSize: 1, applicationName: 'fitai-seed' }),
  ).initialize();
  try {
    return await seedExercises(db, await readExerciseFile(file));
  } finally {
    await db.destroy();
  }
}
