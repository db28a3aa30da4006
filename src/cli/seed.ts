/**
 * `npm run seed` (also run by `npm run dev`): loads the exercise library from
 * data/exercises.json. Idempotent. In the container: `node dist/src/cli/seed.js`.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfigOrExit } from '../config/load-config';
import { invalidateLibraryCacheFromOutside } from '../modules/exercises/exercise-library-cache';
import { DEFAULT_EXERCISE_FILE, seedExerciseLibrary } from '../modules/exercises/exercise-seeder';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // The data file: the first argument, or data/exercises.json under the working directory.
  const file = resolve(process.argv[2] ?? DEFAULT_EXERCISE_FILE);
  const result = await seedExerciseLibrary(config.database.url, file);
  console.log(
    `Exercise library from ${file}: ${result.total} records, ${result.inserted} inserted, ` +
      `${result.updated} updated, ${result.unchanged} unchanged.`,
  );
  if (result.inserted + result.updated > 0 && !(await invalidateLibraryCacheFromOutside(config))) {
    console.warn(
      'Could not reach Redis to clear the cached library; cached lists expire within an hour.',
    );
  }
}

main().catch((error: unknown) => {
  console.error('Seeding failed:', error);
  process.exit(1);
});
