import { Injectable, NotFoundException } from '@nestjs/common';
import { Page, toPage } from '../../common/pagination/page';
import { ExerciseDto, ExerciseFiltersDto, FilterValueDto } from './dto/exercise.dto';
import { ListExercisesQueryDto, SearchExercisesDto } from './dto/exercise-query.dto';
import { Exercise } from './entities/exercise.entity';
import { ExercisesRepository, FilterValueCount } from './exercises.repository';

const FILTER_GROUPS: Record<FilterValueCount['kind'], keyof ExerciseFiltersDto> = {
  muscle: 'muscles',
  equipment: 'equipment',
  category: 'categories',
  level: 'levels',
  force: 'forces',
  mechanic: 'mechanics',
};

@Injectable()
export class ExercisesService {
  constructor(private readonly exercises: ExercisesRepository) {}

  async list(viewerId: string, query: ListExercisesQueryDto): Promise<Page<ExerciseDto>> {
    const [rows, total] = await this.exercises.findPage(query, viewerId, query.offset, query.limit);
    return toPage(
      rows.map((e) => ExerciseDto.from(e)),
      total,
      query,
    );
  }

  async search(viewerId: string, dto: SearchExercisesDto): Promise<Page<ExerciseDto>> {
    const [rows, total] = await this.exercises.search(
      dto.query,
      dto,
      viewerId,
      dto.offset,
      dto.limit,
    );
    return toPage(
      rows.map((e) => ExerciseDto.from(e)),
      total,
      dto,
    );
  }

  async get(viewerId: string, id: string): Promise<ExerciseDto> {
    const exercise = await this.exercises.findVisible(id, viewerId);
    if (!exercise) throw new NotFoundException('No such exercise.');
    return ExerciseDto.from(exercise);
  }

  /**
   * The exercises among `ids` that `viewerId` may use (library, approved, or their own), by id.
   * Templates and workouts use it to reject references to unknown or hidden exercises.
   */
  async findUsable(viewerId: string, ids: string[]): Promise<Map<string, Exercise>> {
    const unique = [...new Set(ids)];
    const found = await this.exercises.findVisibleByIds(unique, viewerId);
    return new Map(found.map((e) => [e.id, e]));
  }

  async filters(viewerId: string): Promise<ExerciseFiltersDto> {
    const groups: ExerciseFiltersDto = {
      muscles: [],
      equipment: [],
      categories: [],
      levels: [],
      forces: [],
      mechanics: [],
    };
    for (const { kind, value, count } of await this.exercises.filterValues(viewerId)) {
      groups[FILTER_GROUPS[kind]].push({ value, count } satisfies FilterValueDto);
    }
    return groups;
  }
}
