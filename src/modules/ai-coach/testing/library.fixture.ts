import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueExercise } from '../../exercises/exercises.service';
import { ExerciseStatus } from '../../exercises/exercise.vocabulary';

interface DataSetExercise extends Omit<CatalogueExercise, 'slug' | 'status' | 'id'> {
  id: string;
}

/**
 * The shipped exercise data set (data/exercises.json) as the catalogue the coach reads, each
 * exercise's id being its slug: the unit specs reason on the real library, not a toy one.
 */
export function libraryCatalogue(): CatalogueExercise[] {
  const path = join(__dirname, '../../../../data/exercises.json');
  const rows = JSON.parse(readFileSync(path, 'utf8')) as DataSetExercise[];
  return rows.map((row) => ({
    id: row.id,
    slug: row.id,
    name: row.name,
    equipment: row.equipment ?? null,
    level: row.level,
    force: row.force ?? null,
    mechanic: row.mechanic ?? null,
    category: row.category,
    primaryMuscles: row.primaryMuscles,
    secondaryMuscles: row.secondaryMuscles,
    status: ExerciseStatus.Approved,
  }));
}
