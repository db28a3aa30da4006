/**
 * `npm run seed` (also run by `npm run dev`): loads the exercise library from
 * data/exercises.json. Idempotent. In the container: `node dist/src/cli/seed.js`.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '../config/load-config';
import { buildDataSourceOptions } from '../infrastructure/database/data-source-options';
import {
  DEFAULT_EXERCISE_FILE,
  readExerciseFile,
  seedExercises,
} from '../modules/exercises/exercise-seeder';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // The data file: the first argument, or data/exercises.json under the working directory.
  const file = resolve(process.argv[2] ?? DEFAULT_EXERCISE_FILE);
  const db = await new DataSource(
    buildDataSourceOptions({
      url: config.database.url,
      poolSize: 1,
      applicationName: 'fitai-seed',
    }),
  ).initialize();
  try {
    const result = await seedExercises(db, await readExerciseFile(file));
    console.log(
      `Exercise library from ${file}: ${result.total} records, ${result.inserted} inserted, ` +
        `${result.updated} updated, ${result.unchanged} unchanged.`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('Seeding failed:', error);
  process.exit(1);
});
