import { Injectable, NotFoundException } from '@nestjs/common';
import { AiService } from '../ai/ai.service';
import { CatalogueExercise, ExercisesService } from '../exercises/exercises.service';
import { Equipment } from '../training/exercise-attributes.vocabulary';
import { UsersService } from '../users/users.service';
import {
  ExerciseRefDto,
  ExerciseSuggestionsDto,
  SuggestExerciseDto,
} from './dto/suggest-exercise.dto';
import { rankSubstitutes } from './substitutions';

/** The local provider's name in the ledger. */
export const SUBSTITUTION_RULES_MODEL = 'fitai-substitution-rules-1';

/**
 * Exercise substitutions (docs/ai-coach.md, "Substitutions"): ranked by rules over the
 * library the user may use, metered and counted against the `substitution` quota like every
 * AI answer (a repeated question is answered from the AI cache, uncounted). Answered at once (a ranking over a few hundred exercises takes milliseconds).
 */
@Injectable()
export class SubstitutionService {
  constructor(
    private readonly exercises: ExercisesService,
    private readonly users: UsersService,
    private readonly ai: AiService,
  ) {}

  async suggest(userId: string, dto: SuggestExerciseDto): Promise<ExerciseSuggestionsDto> {
    const [catalogue, preferences] = await Promise.all([
      this.exercises.catalogue(userId),
      this.users.preferencesOf(userId),
    ]);
    // The catalogue is what the user may see, so it answers the visibility question too: 404
    // for an exercise missing from it (someone else's unapproved one included), as
    // ExercisesService.findVisible would, without reading the exercise a second time.
    const source = catalogue.find((e) => e.id === dto.exerciseId);
    if (!source) throw new NotFoundException('No such exercise.');
    const options = {
      reason: dto.reason,
      equipment: dto.equipment ?? preferences.equipment ?? Object.values(Equipment),
      missingEquipment: dto.missingEquipment ?? [],
      avoidMuscles: dto.avoidMuscles ?? [],
      level: preferences.trainingLevel,
      limit: dto.limit,
    };
    // The same question over the same library is answered from the cache (no quota counted).
    const { value } = await this.ai.run({
      userId,
      feature: 'substitution',
      localModel: SUBSTITUTION_RULES_MODEL,
      local: () => rankSubstitutes(source, catalogue, options),
      cache: { inputs: { source, catalogue, options }, schemaVersion: 'substitution-1' },
      quota: 'charge',
    });
    return {
      exercise: refOf(source),
      reason: dto.reason,
      alternatives: value.map((s) => ({
        exercise: refOf(s.exercise),
        score: s.score,
        muscleOverlap: s.muscleOverlap,
        why: s.why,
      })),
    };
  }
}

function refOf(e: CatalogueExercise): ExerciseRefDto {
  return {
    id: e.id,
    name: e.name,
    equipment: e.equipment,
    primaryMuscles: e.primaryMuscles,
    secondaryMuscles: e.secondaryMuscles,
    level: e.level,
  };
}
