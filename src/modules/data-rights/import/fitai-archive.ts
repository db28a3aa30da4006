import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import yauzl from 'yauzl';
import type { ImportReport } from '../entities/data-import.entity';
import { EXPORT_FORMAT, EXPORT_REGISTRY } from '../export/export-registry';
import type { JsonSchema } from '../export/export-schema';
import { checkSchema } from '../export/schema-check';
import type { RowError } from './import-plan';
import { claimContent, contentHash, count, emptyReport } from './import-writer';

type Row = Record<string, unknown>;

/**
 * What a FitAI archive brings into an account (docs/data-rights.md, "Import"): the user's own
 * training and journal. The social graph, notifications, AI history, leaderboards, challenges,
 * personal records (derived) and the profile are not imported.
 */
export const IMPORTED_FILES = [
  'custom-exercises',
  'journal-entries',
  'body-metrics',
  'goals',
  'goal-milestones',
  'templates',
  'template-days',
  'template-exercises',
  'template-sets',
  'workouts',
  'workout-exercises',
  'workout-sets',
] as const;
type ImportedFile = (typeof IMPORTED_FILES)[number];

/** Reads the archive's manifest and the imported files (the archive is bounded by DATA_IMPORT_MAX_BYTES). */
export async function readArchive(content: Buffer): Promise<Map<string, Buffer>> {
  const wanted = new Set(['manifest.json', ...IMPORTED_FILES.map((f) => `data/${f}.json`)]);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(content, { lazyEntries: true }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  );
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!wanted.has(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return files;
}

export interface FitAiPlan {
  rowsRead: number;
  errors: RowError[];
  data: Record<ImportedFile, Row[]>;
}

/**
 * Checks the archive against the published schemas (the current tables', from `schemas`, asked
 * only once the manifest is a FitAI one): any failure is reported.
 */
export async function checkArchive(
  schemas: () => Promise<Record<string, JsonSchema>>,
  content: Buffer,
): Promise<FitAiPlan> {
  const data = Object.fromEntries(IMPORTED_FILES.map((f) => [f, [] as Row[]])) as FitAiPlan['data'];
  let files: Map<string, Buffer>;
  try {
    files = await readArchive(content);
  } catch (error) {
    return {
      rowsRead: 0,
      errors: [{ row: 0, message: `Not a zip archive: ${(error as Error).message}` }],
      data,
    };
  }
  const errors: RowError[] = [];
  const manifest = parseJson(files.get('manifest.json'), 'manifest.json', errors) as
    Row | undefined;
  if (manifest && manifest.format !== EXPORT_FORMAT) {
    errors.push({
      row: 0,
      file: 'manifest.json',
      field: 'format',
      message: `Not a FitAI export (format ${JSON.stringify(manifest.format)})`,
    });
  }
  if (errors.length) return { rowsRead: 0, errors, data };
  const schemaOf = await schemas();
  let rowsRead = 0;
  for (const file of IMPORTED_FILES) {
    const path = `data/${file}.json`;
    const rows = parseJson(files.get(path), path, errors);
    if (rows === undefined) continue;
    const violations = checkSchema(schemaOf[`${file}.schema.json`], rows);
    if (violations.length) {
      for (const violation of violations) {
        const [, index, ...field] = violation.path.split('/');
        errors.push({
          row: Number(index ?? -1) + 1,
          file: path,
          field: field.join('.') || undefined,
          message: `${violation.path || 'the file'} ${violation.message}`,
        });
      }
      continue;
    }
    data[file] = rows as Row[];
    rowsRead += (rows as Row[]).length;
  }
  return { rowsRead, errors, data };
}

function parseJson(content: Buffer | undefined, path: string, errors: RowError[]): unknown {
  if (!content) {
    errors.push({ row: 0, file: path, message: `${path} is missing from the archive` });
    return undefined;
  }
  try {
    return JSON.parse(content.toString('utf8'));
  } catch (error) {
    errors.push({
      row: 0,
      file: path,
      message: `${path} is not valid JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
}

const TABLE_OF: Record<ImportedFile, string> = Object.fromEntries(
  EXPORT_REGISTRY.filter((e) => (IMPORTED_FILES as readonly string[]).includes(e.file)).map((e) => [
    e.file,
    e.table,
  ]),
) as Record<ImportedFile, string>;

/** Inserts a row as the export wrote it (to_jsonb's shape), with `changes` applied. */
async function insertRow(
  manager: EntityManager,
  table: string,
  row: Row,
  changes: Row,
): Promise<void> {
  await manager.query(
    `INSERT INTO ${table} SELECT * FROM jsonb_populate_record(NULL::${table}, $1::jsonb) ON CONFLICT DO NOTHING`,
    [JSON.stringify({ ...row, ...changes })],
  );
}

/**
 * Writes a checked archive into the account, in the caller's transaction. Every record gets a
 * new id; references between imported records follow (a workout's template, a set's exercise).
 * Top-level records (exercises, entries, body metrics, goals, templates, workouts) are claimed
 * by the hash of their original id: importing the same archive again adds nothing. Library
 * exercises are referenced as they are; an exercise that is neither in the archive nor in
 * this server's library is an error (nothing is written).
 */
export async function applyFitAiPlan(
  manager: EntityManager,
  input: { userId: string; importId: string },
  plan: FitAiPlan,
  progress: (share: number) => Promise<void>,
  workoutIds: string[],
): Promise<ImportReport> {
  const report = emptyReport(plan.rowsRead);
  const { userId } = input;
  const ids = new Map<string, string>();
  const newIdOf = (old: unknown) => (typeof old === 'string' ? (ids.get(old) ?? null) : null);

  const claim = async (file: ImportedFile, row: Row): Promise<boolean> => {
    const fresh = randomUUID();
    const claimed = await claimContent(
      manager,
      userId,
      input.importId,
      contentHash(['fitai', file, row.id]),
      file,
      fresh,
    );
    ids.set(row.id as string, claimed.resourceId);
    count(claimed.created ? report.created : report.skipped, file);
    return claimed.created;
  };

  // Exercises: the archive's own, then every other reference must exist here.
  for (const row of plan.data['custom-exercises']) {
    if (!(await claim('custom-exercises', row))) continue;
    const id = ids.get(row.id as string)!;
    await insertRow(manager, 'exercises', row, {
      id,
      slug: `user-${id}`,
      created_by_id: userId,
      status: 'pending',
      reviewed_by_id: null,
      reviewed_at: null,
      review_note: null,
      rating_count: 0,
      rating_sum: 0,
    });
  }
  const referenced = new Set<string>();
  for (const file of [
    'goals',
    'template-exercises',
    'workout-exercises',
    'workout-sets',
  ] as const) {
    for (const row of plan.data[file]) {
      if (typeof row.exercise_id === 'string' && !ids.has(row.exercise_id))
        referenced.add(row.exercise_id);
    }
  }
  const present: { id: string }[] = referenced.size
    ? await manager.query(
        `SELECT id FROM exercises WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL
            AND (source = 'library' OR created_by_id = $2)`,
        [[...referenced], userId],
      )
    : [];
  const known = new Set(present.map((r) => r.id));
  const missing = [...referenced].filter((id) => !known.has(id));
  if (missing.length) {
    report.errors.push(
      ...missing.slice(0, 50).map((id) => ({
        row: 0,
        field: 'exercise_id',
        message: `Exercise ${id} is neither in the archive nor in this server's library`,
      })),
    );
    return report;
  }
  const exerciseOf = (old: unknown) => newIdOf(old) ?? old;
  await progress(0.2);

  for (const row of plan.data['journal-entries']) {
    if (await claim('journal-entries', row)) {
      await insertRow(manager, TABLE_OF['journal-entries'], row, {
        id: ids.get(row.id as string),
        user_id: userId,
      });
    }
  }
  for (const row of plan.data['body-metrics']) {
    if (await claim('body-metrics', row)) {
      await insertRow(manager, TABLE_OF['body-metrics'], row, {
        id: ids.get(row.id as string),
        user_id: userId,
      });
    }
  }
  const newGoals = new Set<string>();
  for (const row of plan.data.goals) {
    if (await claim('goals', row)) {
      newGoals.add(row.id as string);
      await insertRow(manager, 'goals', row, {
        id: ids.get(row.id as string),
        user_id: userId,
        exercise_id: exerciseOf(row.exercise_id),
      });
    }
  }
  for (const row of plan.data['goal-milestones']) {
    if (!newGoals.has(row.goal_id as string)) continue;
    await insertRow(manager, 'goal_milestones', row, {
      id: randomUUID(),
      goal_id: newIdOf(row.goal_id),
    });
    count(report.created, 'goal-milestones');
  }
  await progress(0.4);

  // Templates with their days, exercises and sets (children follow a newly made template).
  const fresh = new Set<string>();
  for (const row of plan.data.templates) {
    if (!(await claim('templates', row))) continue;
    fresh.add(row.id as string);
    await insertRow(manager, 'templates', row, {
      id: ids.get(row.id as string),
      owner_id: userId,
      featured: false,
      origin_template_id: null,
      favorite_count: 0,
      duplicate_count: 0,
      use_count: 0,
      rating_count: 0,
      rating_sum: 0,
    });
  }
  const children: [ImportedFile, string, string, Row?][] = [
    ['template-days', 'template_days', 'template_id'],
    ['template-exercises', 'template_exercises', 'day_id'],
    ['template-sets', 'template_sets', 'template_exercise_id'],
  ];
  for (const [file, table, parent] of children) {
    for (const row of plan.data[file]) {
      if (!fresh.has(row[parent] as string)) continue;
      const id = randomUUID();
      ids.set(row.id as string, id);
      fresh.add(row.id as string);
      const changes: Row = { id, [parent]: newIdOf(row[parent]) };
      if ('exercise_id' in row) changes.exercise_id = exerciseOf(row.exercise_id);
      await insertRow(manager, table, row, changes);
      count(report.created, file);
    }
  }
  await progress(0.6);

  // Workouts with their exercises and sets.
  for (const row of plan.data.workouts) {
    if (!(await claim('workouts', row))) continue;
    fresh.add(row.id as string);
    workoutIds.push(ids.get(row.id as string)!);
    await insertRow(manager, 'workouts', row, {
      id: ids.get(row.id as string),
      user_id: userId,
      template_id: newIdOf(row.template_id),
    });
  }
  for (const row of plan.data['workout-exercises']) {
    if (!fresh.has(row.workout_id as string)) continue;
    const id = randomUUID();
    ids.set(row.id as string, id);
    fresh.add(row.id as string);
    await insertRow(manager, 'workout_exercises', row, {
      id,
      workout_id: newIdOf(row.workout_id),
      exercise_id: exerciseOf(row.exercise_id),
    });
    count(report.created, 'workout-exercises');
  }
  for (const row of plan.data['workout-sets']) {
    if (!fresh.has(row.workout_exercise_id as string)) continue;
    await insertRow(manager, 'workout_sets', row, {
      id: randomUUID(),
      user_id: userId,
      workout_id: newIdOf(row.workout_id),
      workout_exercise_id: newIdOf(row.workout_exercise_id),
      exercise_id: exerciseOf(row.exercise_id),
    });
    count(report.created, 'workout-sets');
  }
  await progress(0.95);
  return report;
}
