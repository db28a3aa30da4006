import { NotFoundException } from '@nestjs/common';
import type { AiService, AiTask } from '../ai/ai.service';
import type { ExercisesService } from '../exercises/exercises.service';
import type { UsersService } from '../users/users.service';
import { SuggestExerciseDto } from './dto/suggest-exercise.dto';
import { SubstitutionService } from './substitution.service';
import { SubstitutionReason } from './substitutions';
import { libraryCatalogue } from './testing/library.fixture';

describe('SubstitutionService', () => {
  const catalogue = libraryCatalogue();
  const build = () => {
    const exercises = {
      catalogue: jest.fn(async () => catalogue),
      findVisible: jest.fn(),
    };
    const users = {
      preferencesOf: jest.fn(async () => ({ equipment: null, trainingLevel: null })),
    };
    const ai = {
      run: jest.fn(async (task: AiTask<unknown>) => ({
        value: await task.local(),
        provider: 'local',
        model: task.localModel,
        fellBack: false,
      })),
    };
    const service = new SubstitutionService(
      exercises as unknown as ExercisesService,
      users as unknown as UsersService,
      ai as unknown as AiService,
    );
    return { service, exercises };
  };
  const dto = (exerciseId: string) =>
    Object.assign(new SuggestExerciseDto(), {
      exerciseId,
      reason: SubstitutionReason.Variety,
      limit: 3,
    });

  it('reads the exercise once: from the catalogue it ranks over', async () => {
    const { service, exercises } = build();
    const source = catalogue.find((e) => e.primaryMuscles.includes('chest' as never))!;
    const answer = await service.suggest('user-1', dto(source.id));
    expect(answer.exercise.id).toBe(source.id);
    expect(answer.alternatives.length).toBeGreaterThan(0);
    expect(exercises.catalogue).toHaveBeenCalledTimes(1);
    expect(exercises.findVisible).not.toHaveBeenCalled();
  });

  it('answers 404 for an exercise missing from the catalogue (unknown or not visible)', async () => {
    const { service, exercises } = build();
    await expect(
      service.suggest('user-1', dto('00000000-0000-4000-8000-000000000000')),
    ).rejects.toBeInstanceOf(NotFoundException);
    expect(exercises.findVisible).not.toHaveBeenCalled();
  });
});
