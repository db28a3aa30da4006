import type { CatalogueExercise } from '../exercises/exercises.service';
import { Equipment, ExerciseLevel, Muscle } from '../training/exercise-attributes.vocabulary';
import { equipmentOf, levelRank, TRAINABLE_CATEGORIES } from './movement-patterns';

/** Why an exercise is to be replaced. */
export enum SubstitutionReason {
  /** The equipment it needs is missing (today, or at this gym). */
  EquipmentMissing = 'equipment_missing',
  /** It hurts: alternatives must not load the muscles named, and change the movement. */
  Pain = 'pain',
  /** The same work, another way. */
  Variety = 'variety',
}

export interface SubstitutionRequest {
  reason: SubstitutionReason;
  /** Equipment available; bodyweight exercises are always possible. */
  equipment: Equipment[];
  /** Equipment not to use (always includes the exercise's own for equipment_missing). */
  missingEquipment: Equipment[];
  /** Muscles that hurt: no alternative loads them. */
  avoidMuscles: Muscle[];
  /** The user's level: harder exercises are left out; null = no limit. */
  level: ExerciseLevel | null;
  limit: number;
}

export interface Substitute {
  exercise: CatalogueExercise;
  /** 0–1: weighted muscle overlap (primary 2, secondary 1) plus small bonuses, rounded. */
  score: number;
  /** 0–1: the weighted muscle overlap alone. */
  muscleOverlap: number;
  why: string[];
}

/** Weights of a muscle's role in the overlap: a primary muscle counts twice a secondary one. */
const PRIMARY_WEIGHT = 2;
const SECONDARY_WEIGHT = 1;

function muscleWeights(e: Pick<CatalogueExercise, 'primaryMuscles' | 'secondaryMuscles'>) {
  const weights = new Map<Muscle, number>();
  for (const m of e.secondaryMuscles) weights.set(m, SECONDARY_WEIGHT);
  for (const m of e.primaryMuscles) weights.set(m, PRIMARY_WEIGHT);
  return weights;
}

/**
 * Weighted Jaccard similarity of the two exercises' muscles: Σ min(w) / Σ max(w) over the
 * union, with primary muscles weighing 2 and secondary 1 (1 = the same muscles in the same
 * roles, 0 = nothing in common).
 */
export function muscleOverlap(
  a: Pick<CatalogueExercise, 'primaryMuscles' | 'secondaryMuscles'>,
  b: Pick<CatalogueExercise, 'primaryMuscles' | 'secondaryMuscles'>,
): number {
  const wa = muscleWeights(a);
  const wb = muscleWeights(b);
  let shared = 0;
  let total = 0;
  for (const m of new Set([...wa.keys(), ...wb.keys()])) {
    shared += Math.min(wa.get(m) ?? 0, wb.get(m) ?? 0);
    total += Math.max(wa.get(m) ?? 0, wb.get(m) ?? 0);
  }
  return total === 0 ? 0 : shared / total;
}

/**
 * Alternatives to `source`, best first (docs/ai-coach.md, "Substitutions"). Eligible: trained in
 * sets and reps, equipment available and not missing, not above the user's level, loading no
 * muscle to avoid, sharing at least one primary muscle. Score: the weighted muscle overlap,
 * + 0.1 for the same force, + 0.1 for the same mechanic, + 0.05 for the same level; for
 * variety + 0.05 for other equipment; for pain − 0.1 for the same force and mechanic (a
 * different movement is more likely to be comfortable). Ties by name.
 */
export function rankSubstitutes(
  source: CatalogueExercise,
  catalogue: readonly CatalogueExercise[],
  request: SubstitutionRequest,
): Substitute[] {
  const available = new Set(request.equipment);
  const missing = new Set(request.missingEquipment);
  if (request.reason === SubstitutionReason.EquipmentMissing) missing.add(equipmentOf(source));
  missing.delete(Equipment.BodyOnly);
  const avoid = new Set(request.avoidMuscles);
  const maxLevel = request.level === null ? Infinity : levelRank(request.level);
  const sourcePrimary = new Set(source.primaryMuscles);

  const ranked: Substitute[] = [];
  for (const candidate of catalogue) {
    if (candidate.id === source.id) continue;
    if (!TRAINABLE_CATEGORIES.has(candidate.category)) continue;
    const equipment = equipmentOf(candidate);
    if (missing.has(equipment)) continue;
    if (equipment !== Equipment.BodyOnly && !available.has(equipment)) continue;
    if (levelRank(candidate.level) > maxLevel) continue;
    const muscles = [...candidate.primaryMuscles, ...candidate.secondaryMuscles];
    if (muscles.some((m) => avoid.has(m))) continue;
    const sharedPrimary = candidate.primaryMuscles.filter((m) => sourcePrimary.has(m));
    if (sharedPrimary.length === 0) continue;

    const overlap = muscleOverlap(source, candidate);
    const sameForce = candidate.force !== null && candidate.force === source.force;
    const sameMechanic = candidate.mechanic !== null && candidate.mechanic === source.mechanic;
    let score = overlap;
    const why = [
      `Same primary muscle${sharedPrimary.length > 1 ? 's' : ''}: ${sharedPrimary.join(', ')}`,
    ];
    const alsoWorks = candidate.secondaryMuscles.filter((m) => source.secondaryMuscles.includes(m));
    if (alsoWorks.length) why.push(`Also works ${alsoWorks.join(', ')}, as the original does`);
    why.push(`Muscle overlap ${Math.round(overlap * 100)} % (primary muscles weighted twice)`);
    if (sameForce) {
      score += 0.1;
      why.push(`Same force (${candidate.force})`);
    }
    if (sameMechanic) {
      score += 0.1;
      why.push(`Same mechanic (${candidate.mechanic})`);
    }
    if (candidate.level === source.level) score += 0.05;
    if (request.reason === SubstitutionReason.Variety && equipment !== equipmentOf(source)) {
      score += 0.05;
      why.push(`Different equipment (${equipment}) for variety`);
    }
    if (request.reason === SubstitutionReason.Pain && sameForce && sameMechanic) score -= 0.1;
    if (request.reason === SubstitutionReason.Pain && avoid.size > 0) {
      why.push(`Does not load ${[...avoid].join(', ')}`);
    }
    why.push(
      equipment === Equipment.BodyOnly
        ? 'Needs no equipment'
        : `Needs ${equipment}, which you have`,
    );
    why.push(`Level: ${candidate.level}`);
    ranked.push({
      exercise: candidate,
      score: Math.round(score * 1000) / 1000,
      muscleOverlap: Math.round(overlap * 1000) / 1000,
      why,
    });
  }
  ranked.sort((a, b) => b.score - a.score || a.exercise.name.localeCompare(b.exercise.name));
  return ranked.slice(0, request.limit);
}
