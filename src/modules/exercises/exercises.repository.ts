import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { likeContains } from '../../common/database/like';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Exercise } from './entities/exercise.entity';
import {
  Equipment,
  ExerciseCategory,
  ExerciseLevel,
  Muscle,
} from '../training/exercise-attributes.vocabulary';

export interface ExerciseFilter {
  muscle?: Muscle;
  equipment?: Equipment;
  category?: ExerciseCategory;
  level?: ExerciseLevel;
  /** Part of the name, case-insensitive (IDX_exercises_name_trgm). */
  text?: string;
}

export interface FilterValueCount {
  kind: 'muscle' | 'equipment' | 'category' | 'level' | 'force' | 'mechanic';
  value: string;
  count: number;
}

export type NewExercise = Pick<
  Exercise,
  | 'slug'
  | 'name'
  | 'category'
  | 'level'
  | 'equipment'
  | 'force'
  | 'mechanic'
  | 'primaryMuscles'
  | 'secondaryMuscles'
  | 'instructions'
  | 'instructionsText'
  | 'source'
  | 'status'
  | 'createdById'
>;

export type ExerciseChanges = Partial<
  Omit<NewExercise, 'slug' | 'source' | 'createdById'> &
    Pick<Exercise, 'reviewedById' | 'reviewedAt' | 'reviewNote'>
>;

export interface NearDuplicate {
  id: string;
  name: string;
  similarity: number;
}

/** Names at least this similar (pg_trgm similarity, 0–1) are flagged as near-duplicates. */
export const NEAR_DUPLICATE_SIMILARITY = 0.5;

/** Visible to a user: not deleted, and approved or their own (pending or rejected). */
const VISIBLE = `exercise.deleted_at IS NULL AND (exercise.status = 'approved' OR exercise.created_by_id = :viewerId)`;

/** What the AI coach knows of an exercise. */
export type CatalogueExercise = Pick<
  Exercise,
  | 'id'
  | 'slug'
  | 'name'
  | 'equipment'
  | 'level'
  | 'force'
  | 'mechanic'
  | 'category'
  | 'primaryMuscles'
  | 'secondaryMuscles'
  | 'status'
>;

@Injectable()
export class ExercisesRepository {
  constructor(@InjectRepository(Exercise) private readonly exercises: Repository<Exercise>) {}

  findVisible(id: string, viewerId: string): Promise<Exercise | null> {
    return this.exercises
      .createQueryBuilder('exercise')
      .where('exercise.id = :id', { id })
      .andWhere(VISIBLE, { viewerId })
      .getOne();
  }

  /** The visible exercises among `ids` (primary key lookups), for callers that reference them. */
  findVisibleByIds(ids: string[], viewerId: string): Promise<Exercise[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.exercises
      .createQueryBuilder('exercise')
      .where('exercise.id IN (:...ids)', { ids })
      .andWhere(VISIBLE, { viewerId })
      .getMany();
  }

  /**
   * Every exercise the viewer may use, with the attributes the AI coach reasons on (a few
   * hundred rows: the library plus the viewer's own). IDX_exercises_status and
   * IDX_exercises_created_by (bitmap OR).
   */
  findCatalogue(viewerId: string): Promise<CatalogueExercise[]> {
    return this.exercises
      .createQueryBuilder('exercise')
      .select([
        'exercise.id',
        'exercise.slug',
        'exercise.name',
        'exercise.equipment',
        'exercise.level',
        'exercise.force',
        'exercise.mechanic',
        'exercise.category',
        'exercise.primaryMuscles',
        'exercise.secondaryMuscles',
        'exercise.status',
      ])
      .where(VISIBLE, { viewerId })
      .orderBy('exercise.slug')
      .getMany();
  }

  /**
   * Name and equipment of the exercises among `ids` (primary key lookups), soft-deleted ones
   * included, for templates and workouts that reference them.
   */
  /** Through `manager` when given (the caller's transaction, so no second connection). */
  findLabels(
    ids: string[],
    manager?: EntityManager,
  ): Promise<Pick<Exercise, 'id' | 'name' | 'equipment'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const exercises = manager ? manager.getRepository(Exercise) : this.exercises;
    return exercises.find({
      select: { id: true, name: true, equipment: true },
      where: { id: In(ids) },
      withDeleted: true,
    });
  }

  /** Any exercise that is not deleted, whatever its status (for creators and admins). */
  findActive(id: string): Promise<Exercise | null> {
    return this.exercises.findOneBy({ id });
  }

  insert(exercise: NewExercise): Promise<Exercise> {
    return this.exercises.save(this.exercises.create(exercise));
  }

  async update(id: string, changes: ExerciseChanges): Promise<void> {
    await this.exercises.update({ id }, changes);
  }

  async softDelete(id: string): Promise<void> {
    await this.exercises.softDelete({ id });
  }

  /** Whether the viewer sees anything beyond the approved library (their own unapproved work). */
  async hasUnapproved(viewerId: string): Promise<boolean> {
    return this.exercises
      .createQueryBuilder('exercise')
      .where('exercise.created_by_id = :viewerId', { viewerId })
      .andWhere("exercise.status <> 'approved'")
      .getExists();
  }

  /**
   * For each exercise given, the approved exercises whose names are close to its name (trigram
   * similarity at least NEAR_DUPLICATE_SIMILARITY, five at most). One query for a whole page:
   * the `%` operator uses IDX_exercises_name_trgm.
   */
  async nearDuplicatesOf(
    exercises: Pick<Exercise, 'id' | 'name'>[],
  ): Promise<Map<string, NearDuplicate[]>> {
    const byExercise = new Map<string, NearDuplicate[]>(exercises.map((e) => [e.id, []]));
    if (exercises.length === 0) return byExercise;
    const rows: (NearDuplicate & { of: string })[] = await this.exercises.query(
      `SELECT p.id AS of, d.id, d.name, d.similarity
         FROM unnest($1::uuid[], $2::text[]) AS p(id, name)
         CROSS JOIN LATERAL (
           SELECT e.id, e.name, round(similarity(e.name, p.name)::numeric, 2)::float8 AS similarity
             FROM exercises e
            WHERE e.name % p.name AND similarity(e.name, p.name) >= $3
              AND e.status = 'approved' AND e.deleted_at IS NULL AND e.id <> p.id
            ORDER BY similarity(e.name, p.name) DESC, e.name
            LIMIT 5
         ) AS d`,
      [exercises.map((e) => e.id), exercises.map((e) => e.name), NEAR_DUPLICATE_SIMILARITY],
    );
    for (const { of, ...duplicate } of rows) byExercise.get(of)!.push(duplicate);
    return byExercise;
  }

  /** The review queue, oldest first (IDX_exercises_pending). */
  pendingPage(offset: number, limit: number): Promise<[Exercise[], number]> {
    return this.exercises
      .createQueryBuilder('exercise')
      .where("exercise.status = 'pending'")
      .orderBy('exercise.createdAt', 'ASC')
      .addOrderBy('exercise.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  /** Exercises by id, in no particular order; soft-deleted ones are left out. */
  findByIds(ids: string[]): Promise<Exercise[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.exercises.findBy({ id: In(ids) });
  }

  /**
   * Alphabetical pages. Filters use the enum indexes, the muscle GIN indexes and, for `text`,
   * IDX_exercises_name_trgm.
   */
  findPage(
    filter: ExerciseFilter,
    viewerId: string,
    offset: number,
    limit: number,
  ): Promise<[Exercise[], number]> {
    return this.filtered(filter, viewerId)
      .orderBy('exercise.name', 'ASC')
      .addOrderBy('exercise.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  /**
   * Full-text (name and instructions) plus trigram word similarity on the name, so a typo
   * ("bench pres") still matches. Ranked by relevance band, then by the size of the equipment
   * group among the matches (the most common form of an exercise comes first: bench press →
   * barbell), then by closeness of the name.
   */
  async search(
    query: string,
    filter: ExerciseFilter,
    viewerId: string,
    offset: number,
    limit: number,
  ): Promise<[Exercise[], number]> {
    const matches = this.filtered(filter, viewerId)
      .select('exercise.id', 'id')
      .addSelect('word_similarity(:query, exercise.name)', 'wsim')
      .addSelect('similarity(exercise.name, :query)', 'sim')
      .addSelect(
        `ts_rank(to_tsvector('english'::regconfig, exercise.name || ' ' || exercise.instructions_text), websearch_to_tsquery('english', :query))`,
        'fts',
      )
      .addSelect('exercise.equipment', 'equipment')
      .andWhere(
        `(:query <% exercise.name OR to_tsvector('english'::regconfig, exercise.name || ' ' || exercise.instructions_text) @@ websearch_to_tsquery('english', :query))`,
      )
      .setParameter('query', query);
    const [sql, params] = matches.getQueryAndParameters();
    const ranked: { id: string; total: number }[] = await this.exercises.query(
      `SELECT id, count(*) OVER ()::int AS total FROM (
         SELECT m.*, count(*) OVER (PARTITION BY m.equipment, round(m.wsim::numeric, 1)) AS group_size
           FROM (${sql}) AS m
       ) AS r
       ORDER BY round(r.wsim::numeric, 1) + r.fts DESC, r.group_size DESC, r.sim DESC, r.id
       OFFSET ${Number(offset)} LIMIT ${Number(limit)}`,
      params,
    );
    if (ranked.length === 0) return [[], offset > 0 ? await this.countSearch(sql, params) : 0];
    const byId = new Map((await this.findByIds(ranked.map((r) => r.id))).map((e) => [e.id, e]));
    return [ranked.map((r) => byId.get(r.id)!).filter(Boolean), ranked[0].total];
  }

  /**
   * Every filter value with how many visible exercises have it (muscles: primary or
   * secondary). With no viewer: the approved library only.
   */
  filterValues(viewerId: string | null): Promise<FilterValueCount[]> {
    return this.exercises.query(
      `WITH visible AS (
         SELECT * FROM exercises exercise WHERE ${VISIBLE.replace(':viewerId', '$1')}
       )
       SELECT 'muscle' AS kind, m::text AS value, count(DISTINCT id)::int AS count
         FROM visible, unnest(primary_muscles || secondary_muscles) AS m GROUP BY m
       UNION ALL SELECT 'equipment', equipment::text, count(*)::int FROM visible WHERE equipment IS NOT NULL GROUP BY equipment
       UNION ALL SELECT 'category', category::text, count(*)::int FROM visible GROUP BY category
       UNION ALL SELECT 'level', level::text, count(*)::int FROM visible GROUP BY level
       UNION ALL SELECT 'force', force::text, count(*)::int FROM visible WHERE force IS NOT NULL GROUP BY force
       UNION ALL SELECT 'mechanic', mechanic::text, count(*)::int FROM visible WHERE mechanic IS NOT NULL GROUP BY mechanic
       ORDER BY kind, count DESC, value`,
      [viewerId],
    );
  }

  private filtered(filter: ExerciseFilter, viewerId: string): SelectQueryBuilder<Exercise> {
    const query = this.exercises.createQueryBuilder('exercise').where(VISIBLE, { viewerId });
    if (filter.muscle) {
      // The parameter must not be named like the `muscle` type: TypeORM would also replace
      // the ":muscle" inside "::muscle[]".
      query.andWhere(
        '(exercise.primary_muscles @> ARRAY[:wantedMuscle]::muscle[] OR exercise.secondary_muscles @> ARRAY[:wantedMuscle]::muscle[])',
        { wantedMuscle: filter.muscle },
      );
    }
    if (filter.equipment)
      query.andWhere('exercise.equipment = :equipment', { equipment: filter.equipment });
    if (filter.category)
      query.andWhere('exercise.category = :category', { category: filter.category });
    if (filter.level) query.andWhere('exercise.level = :level', { level: filter.level });
    if (filter.text)
      query.andWhere('exercise.name ILIKE :text', { text: likeContains(filter.text) });
    return query;
  }

  private async countSearch(sql: string, params: unknown[]): Promise<number> {
    const [{ total }] = await this.exercises.query(
      `SELECT count(*)::int AS total FROM (${sql}) AS m`,
      params,
    );
    return total as number;
  }
}
