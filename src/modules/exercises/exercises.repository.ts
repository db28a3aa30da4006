import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { likeContains } from '../../common/database/like';
import { In, Repository, SelectQueryBuilder } from 'typeorm';
import { Exercise } from './entities/exercise.entity';
import { Equipment, ExerciseCategory, ExerciseLevel, Muscle } from './entities/exercise-vocabulary';

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

/** Visible to a user: not deleted, and approved or their own (pending or rejected). */
const VISIBLE = `exercise.deleted_at IS NULL AND (exercise.status = 'approved' OR exercise.created_by_id = :viewerId)`;

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
    const byId = new Map(
      (await this.exercises.findBy({ id: In(ranked.map((r) => r.id)) })).map((e) => [e.id, e]),
    );
    return [ranked.map((r) => byId.get(r.id)!).filter(Boolean), ranked[0].total];
  }

  /** Every filter value with how many visible exercises have it (muscles: primary or secondary). */
  filterValues(viewerId: string): Promise<FilterValueCount[]> {
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
