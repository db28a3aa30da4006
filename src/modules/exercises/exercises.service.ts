import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthenticatedUser, Role } from '../../common/auth/roles';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { ExerciseProblems } from './exercise-problems';
import { Page, toPage } from '../../common/pagination/page';
import { offsetOf, PageQueryDto } from '../../common/pagination/page-query.dto';
import {
  ExerciseDto,
  ExerciseFiltersDto,
  ExerciseSubmissionDto,
  FilterValueDto,
  PendingExerciseDto,
} from './dto/exercise.dto';
import { ListExercisesQueryDto, SearchExercisesDto } from './dto/exercise-query.dto';
import {
  CreateExerciseDto,
  ReviewDecision,
  ReviewExerciseDto,
  UpdateExerciseDto,
} from './dto/exercise-write.dto';
import { Exercise } from './entities/exercise.entity';
import { ExerciseSource, ExerciseStatus } from './exercise.vocabulary';
import { Muscle } from '../training/exercise-attributes.vocabulary';
import { ExerciseLibraryCache } from './exercise-library-cache';
import {
  CatalogueExercise,
  ExerciseChanges,
  ExercisesRepository,
  FilterValueCount,
} from './exercises.repository';

export type { CatalogueExercise } from './exercises.repository';
import { UsersService } from '../users/users.service';

/** How a template or a workout shows an exercise it references. */
export type ExerciseLabel = Pick<Exercise, 'name' | 'equipment'>;

const FILTER_GROUPS: Record<FilterValueCount['kind'], keyof ExerciseFiltersDto> = {
  muscle: 'muscles',
  equipment: 'equipment',
  category: 'categories',
  level: 'levels',
  force: 'forces',
  mechanic: 'mechanics',
};

/**
 * The exercise library: reading it (cached for everyone who sees only the approved library),
 * and user-made exercises, which stay private to their creator until an admin approves them.
 */
@Injectable()
export class ExercisesService {
  constructor(
    private readonly exercises: ExercisesRepository,
    private readonly libraryCache: ExerciseLibraryCache,
    private readonly users: UsersService,
  ) {}

  list(viewerId: string, query: ListExercisesQueryDto): Promise<Page<ExerciseDto>> {
    return this.shared(viewerId, 'list', query, async () => {
      const [rows, total] = await this.exercises.findPage(
        query,
        viewerId,
        offsetOf(query),
        query.limit,
      );
      return toPage(ExerciseDto.fromAll(rows), total, query);
    });
  }

  search(viewerId: string, dto: SearchExercisesDto): Promise<Page<ExerciseDto>> {
    return this.shared(viewerId, 'search', dto, async () => {
      const [rows, total] = await this.exercises.search(
        dto.query,
        dto,
        viewerId,
        offsetOf(dto),
        dto.limit,
      );
      return toPage(ExerciseDto.fromAll(rows), total, dto);
    });
  }

  /** A visible exercise (approved, or the viewer's own), or a 404. */
  async findVisible(viewerId: string, id: string): Promise<Exercise> {
    const exercise = await this.exercises.findVisible(id, viewerId);
    if (!exercise) throw new NotFoundException('No such exercise.');
    return exercise;
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

  /**
   * Name and equipment of the exercises among `ids`, by id, soft-deleted ones included: a
   * template or a workout keeps showing an exercise after it leaves the library.
   *
   * Inside a transaction, pass its manager: the read then shares the transaction's connection.
   * Taking a second one from the pool while holding the first deadlocks once as many requests
   * as the pool has connections do it at once (they time out waiting for each other: a 500).
   */
  async labelsOf(ids: string[], manager?: EntityManager): Promise<Map<string, ExerciseLabel>> {
    const found = await this.exercises.findLabels([...new Set(ids)], manager);
    return new Map(found.map(({ id, name, equipment }) => [id, { name, equipment }]));
  }

  /**
   * Every exercise the viewer may use (approved library and their own), with muscles,
   * equipment, force, mechanic, level and category: what the AI coach chooses from.
   */
  catalogue(viewerId: string): Promise<CatalogueExercise[]> {
    return this.exercises.findCatalogue(viewerId);
  }

  filters(viewerId: string): Promise<ExerciseFiltersDto> {
    return this.shared(viewerId, 'filters', {}, async () =>
      groupFilterValues(await this.exercises.filterValues(viewerId)),
    );
  }

  /**
   * A user-made exercise: private and pending review, visible to its creator at once. An
   * admin's own exercises are approved as they are made.
   */
  async create(caller: AuthenticatedUser, dto: CreateExerciseDto): Promise<ExerciseSubmissionDto> {
    const secondaryMuscles = dto.secondaryMuscles ?? [];
    assertDistinctMuscles(dto.primaryMuscles, secondaryMuscles);
    const byAdmin = caller.role === Role.Admin;
    const exercise = await this.exercises.insert({
      slug: `user-${randomUUID()}`,
      name: dto.name,
      category: dto.category,
      level: dto.level,
      equipment: dto.equipment ?? null,
      force: dto.force ?? null,
      mechanic: dto.mechanic ?? null,
      primaryMuscles: dto.primaryMuscles,
      secondaryMuscles,
      instructions: dto.instructions,
      instructionsText: dto.instructions.join(' '),
      source: ExerciseSource.User,
      status: byAdmin ? ExerciseStatus.Approved : ExerciseStatus.Pending,
      createdById: caller.id,
    });
    if (byAdmin) await this.libraryCache.invalidate();
    return this.withNearDuplicates(exercise);
  }

  /**
   * By the creator or an admin. A creator's edit of an approved or rejected exercise sends it
   * back for review, so nothing reaches everyone unreviewed.
   */
  async update(
    caller: AuthenticatedUser,
    id: string,
    dto: UpdateExerciseDto,
  ): Promise<ExerciseDto> {
    const exercise = await this.findEditable(caller, id);
    assertDistinctMuscles(
      dto.primaryMuscles ?? exercise.primaryMuscles,
      dto.secondaryMuscles ?? exercise.secondaryMuscles,
    );
    const changes: ExerciseChanges = { ...dto };
    if (dto.instructions) changes.instructionsText = dto.instructions.join(' ');
    const reReview = caller.role !== Role.Admin && exercise.status !== ExerciseStatus.Pending;
    if (reReview) {
      Object.assign(changes, {
        status: ExerciseStatus.Pending,
        reviewedById: null,
        reviewedAt: null,
        reviewNote: null,
      } satisfies ExerciseChanges);
    }
    await this.exercises.update(id, changes);
    if (exercise.status === ExerciseStatus.Approved) await this.libraryCache.invalidate();
    return ExerciseDto.from((await this.exercises.findActive(id))!);
  }

  /** Soft delete: workouts and templates that reference the exercise keep it. */
  async remove(caller: AuthenticatedUser, id: string): Promise<void> {
    const exercise = await this.findEditable(caller, id);
    await this.exercises.softDelete(id);
    if (exercise.status === ExerciseStatus.Approved) await this.libraryCache.invalidate();
  }

  async pendingReview(query: PageQueryDto): Promise<Page<PendingExerciseDto>> {
    const [rows, total] = await this.exercises.pendingPage(offsetOf(query), query.limit);
    const [duplicates, creatorNames] = await Promise.all([
      this.exercises.nearDuplicatesOf(rows),
      this.users.displayNamesOf(rows.flatMap((exercise) => exercise.createdById ?? [])),
    ]);
    return toPage(
      rows.map((exercise) => ({
        ...ExerciseDto.from(exercise),
        nearDuplicates: duplicates.get(exercise.id) ?? [],
        createdByName: exercise.createdById
          ? (creatorNames.get(exercise.createdById) ?? null)
          : null,
        submittedAt: exercise.createdAt.toISOString(),
      })),
      total,
      query,
    );
  }

  /** An admin approves (visible to everyone) or rejects (stays private, with the note). */
  async review(reviewerId: string, id: string, dto: ReviewExerciseDto): Promise<ExerciseDto> {
    const exercise = await this.exercises.findActive(id);
    if (!exercise) throw new NotFoundException('No such exercise.');
    if (exercise.status !== ExerciseStatus.Pending) {
      throw ExerciseProblems.notPendingReview.exception(
        `The exercise is ${exercise.status}; only pending exercises can be reviewed.`,
      );
    }
    const approve = dto.decision === ReviewDecision.Approve;
    await this.exercises.update(id, {
      status: approve ? ExerciseStatus.Approved : ExerciseStatus.Rejected,
      reviewedById: reviewerId,
      reviewedAt: new Date(),
      reviewNote: dto.note ?? null,
    });
    if (approve) await this.libraryCache.invalidate();
    return ExerciseDto.from((await this.exercises.findActive(id))!);
  }

  private async withNearDuplicates(exercise: Exercise): Promise<ExerciseSubmissionDto> {
    const duplicates = await this.exercises.nearDuplicatesOf([exercise]);
    return { ...ExerciseDto.from(exercise), nearDuplicates: duplicates.get(exercise.id) ?? [] };
  }

  /**
   * The creator or an admin may change an exercise. Others get a 404 when they cannot see it
   * and a 403 when they can (the approved library).
   */
  private async findEditable(caller: AuthenticatedUser, id: string): Promise<Exercise> {
    const exercise = await this.exercises.findActive(id);
    const own = exercise?.createdById === caller.id;
    if (
      !exercise ||
      (!own && exercise.status !== ExerciseStatus.Approved && caller.role !== Role.Admin)
    ) {
      throw new NotFoundException('No such exercise.');
    }
    if (!own && caller.role !== Role.Admin) {
      throw new ForbiddenException('Only its creator or an admin can change this exercise.');
    }
    return exercise;
  }

  /** Answers that are the same for every viewer without unapproved exercises come from Redis. */
  private async shared<T>(
    viewerId: string,
    kind: string,
    params: object,
    load: () => Promise<T>,
  ): Promise<T> {
    if (await this.exercises.hasUnapproved(viewerId)) return load();
    return this.libraryCache.read(kind, params, load);
  }
}

/** Filter values with counts, grouped by kind. */
export function groupFilterValues(values: FilterValueCount[]): ExerciseFiltersDto {
  const groups: ExerciseFiltersDto = {
    muscles: [],
    equipment: [],
    categories: [],
    levels: [],
    forces: [],
    mechanics: [],
  };
  for (const { kind, value, count } of values) {
    groups[FILTER_GROUPS[kind]].push({ value, count } satisfies FilterValueDto);
  }
  return groups;
}

function assertDistinctMuscles(primary: Muscle[], secondary: Muscle[]): void {
  const repeated = secondary.filter((m) => primary.includes(m));
  if (repeated.length > 0) {
    throw new ValidationProblem([
      {
        field: 'secondaryMuscles',
        messages: [`secondaryMuscles must not repeat a primary muscle (${repeated.join(', ')})`],
      },
    ]);
  }
}
