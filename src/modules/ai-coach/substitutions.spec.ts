import { Equipment, ExerciseLevel, Muscle } from '../training/exercise-attributes.vocabulary';
import { equipmentOf, TRAINABLE_CATEGORIES } from './movement-patterns';
import { muscleOverlap, rankSubstitutes, SubstitutionReason } from './substitutions';
import { libraryCatalogue } from './testing/library.fixture';

const catalogue = libraryCatalogue();
const byId = new Map(catalogue.map((e) => [e.id, e]));
const ALL = Object.values(Equipment);

describe('rankSubstitutes', () => {
  const sources = catalogue.filter((e) => TRAINABLE_CATEGORIES.has(e.category));

  it('never returns missing or unavailable equipment, for every exercise of the library', () => {
    const cases: { equipment: Equipment[]; missing: Equipment[] }[] = [
      { equipment: ALL, missing: [Equipment.Barbell] },
      { equipment: [Equipment.Dumbbell, Equipment.Cable], missing: [] },
      { equipment: [], missing: [Equipment.Machine] },
    ];
    let checked = 0;
    for (const source of sources) {
      for (const { equipment, missing } of cases) {
        for (const reason of Object.values(SubstitutionReason)) {
          const found = rankSubstitutes(source, catalogue, {
            reason,
            equipment,
            missingEquipment: missing,
            avoidMuscles: [],
            level: null,
            limit: 10,
          });
          for (const { exercise } of found) {
            const needed = equipmentOf(exercise);
            if (needed !== Equipment.BodyOnly) {
              expect(missing).not.toContain(needed);
              expect(equipment).toContain(needed);
            }
            if (
              reason === SubstitutionReason.EquipmentMissing &&
              equipmentOf(source) !== Equipment.BodyOnly
            ) {
              expect(needed).not.toBe(equipmentOf(source));
            }
            expect(exercise.id).not.toBe(source.id);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // Thousands of rankings over the whole library: slow on a loaded machine.
  }, 90_000);

  it('ranks by weighted muscle overlap: a barbell bench press is best replaced by another chest press', () => {
    const found = rankSubstitutes(byId.get('Barbell_Bench_Press_-_Medium_Grip')!, catalogue, {
      reason: SubstitutionReason.EquipmentMissing,
      equipment: ALL,
      missingEquipment: [],
      avoidMuscles: [],
      level: ExerciseLevel.Intermediate,
      limit: 5,
    });
    expect(found).toHaveLength(5);
    for (const s of found) {
      expect(s.exercise.primaryMuscles).toContain(Muscle.Chest);
      expect(s.exercise.equipment).not.toBe(Equipment.Barbell);
      expect(s.why.length).toBeGreaterThan(2);
    }
    expect(found.map((s) => s.score)).toEqual([...found.map((s) => s.score)].sort((a, b) => b - a));
    expect(found[0].muscleOverlap).toBeGreaterThanOrEqual(0.8);
  });

  it('for pain, leaves out every exercise that loads the painful muscle', () => {
    const found = rankSubstitutes(byId.get('Barbell_Squat')!, catalogue, {
      reason: SubstitutionReason.Pain,
      equipment: ALL,
      missingEquipment: [],
      avoidMuscles: [Muscle.LowerBack],
      level: null,
      limit: 20,
    });
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) {
      expect([...s.exercise.primaryMuscles, ...s.exercise.secondaryMuscles]).not.toContain(
        Muscle.LowerBack,
      );
    }
  });

  it('measures overlap with primary muscles weighted twice', () => {
    const a = { primaryMuscles: [Muscle.Chest], secondaryMuscles: [Muscle.Triceps] };
    expect(muscleOverlap(a, a)).toBe(1);
    expect(muscleOverlap(a, { primaryMuscles: [Muscle.Chest], secondaryMuscles: [] })).toBeCloseTo(
      2 / 3,
    );
    expect(muscleOverlap(a, { primaryMuscles: [Muscle.Lats], secondaryMuscles: [] })).toBe(0);
  });
});
