import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import {
  BayesianPrior,
  bayesianAverageSql,
  RatingTally,
} from '../../common/ratings/bayesian-average';
import { Equipment, ExerciseLevel } from '../training/exercise-attributes.vocabulary';
import { TemplateDay } from './entities/template-day.entity';
import { TemplateExercise } from './entities/template-exercise.entity';
import { TemplateFavorite } from './entities/template-favorite.entity';
import { TemplateRating } from './entities/template-rating.entity';
import { TemplateSet } from './entities/template-set.entity';
import { Template } from './entities/template.entity';
import { TemplateGoal, TemplateVisibility } from './template.vocabulary';
import { TemplateSort } from './dto/list-templates-query.dto';
import { StructureRows } from './template-structure';

/** Which templates a list draws from. */
export enum TemplateScope {
  /** The viewer's own and every public one (GET /templates). */
  Visible = 'visible',
  Own = 'own',
  Public = 'public',
  Featured = 'featured',
}

export interface TemplateFilter {
  goal?: TemplateGoal;
  level?: ExerciseLevel;
  daysPerWeek?: number;
  /** Templates needing nothing outside this list. */
  equipment?: Equipment[];
  /** Only the viewer's favourites. */
  favoritesOnly?: boolean;
}

export interface TemplateOrder {
  sort: TemplateSort;
  /** The prior of the Bayesian average, for the rating sort. */
  prior: BayesianPrior;
}

export type NewTemplate = Pick<
  Template,
  | 'ownerId'
  | 'name'
  | 'description'
  | 'goal'
  | 'level'
  | 'visibility'
  | 'originTemplateId'
  | 'daysPerWeek'
  | 'equipment'
  | 'weightUnit'
>;

export type TemplateChanges = Omit<NewTemplate, 'ownerId' | 'originTemplateId'> &
  Pick<Template, 'featured'>;

export type TemplateCounters = Pick<
  Template,
  'favoriteCount' | 'duplicateCount' | 'useCount' | 'ratingCount' | 'ratingSum'
>;

/** The viewer's favourites and votes among some templates. */
export interface ViewerMarks {
  favorites: Set<string>;
  scores: Map<string, number>;
}

const COUNTER_COLUMNS: Record<keyof TemplateCounters, string> = {
  favoriteCount: 'favorite_count',
  duplicateCount: 'duplicate_count',
  useCount: 'use_count',
  ratingCount: 'rating_count',
  ratingSum: 'rating_sum',
};

/**
 * Matches the predicate of the partial indexes on listed templates (a literal, not a
 * parameter, so the planner can always prove the implication). Soft-deleted rows are left out
 * by TypeORM itself (`deleted_at IS NULL`).
 */
const IS_PUBLIC = `template.visibility = '${TemplateVisibility.Public}'`;

/** Written exactly as in IDX_templates_public_popularity, so the index can serve the order. */
const POPULARITY =
  '("template"."favorite_count" + "template"."duplicate_count" + "template"."use_count")';

const BAYESIAN_AVERAGE = bayesianAverageSql(
  '"template"."rating_count"',
  '"template"."rating_sum"',
  'CAST(:priorMean AS float8)',
  'CAST(:priorWeight AS float8)',
);

/**
 * The templates module's queries. Each instance works through one EntityManager: the
 * injected one, or a transaction's (inTransaction, withManager), so the service composes
 * these methods into one transaction without handling TypeORM itself.
 */
@Injectable()
export class TemplatesRepository {
  constructor(@InjectEntityManager() private readonly manager: EntityManager) {}

  /** Runs `work` in one transaction, with a repository bound to it. */
  inTransaction<T>(work: (tx: TemplatesRepository) => Promise<T>): Promise<T> {
    return this.manager.transaction((manager) => work(new TemplatesRepository(manager)));
  }

  /** This repository working through another module's (transaction's) manager. */
  withManager(manager: EntityManager): TemplatesRepository {
    return new TemplatesRepository(manager);
  }

  /**
   * A template the viewer may see (their own, or public), by primary key. With `lock`, the
   * row is locked FOR NO KEY UPDATE until the transaction ends: edits and votes on one
   * template are serialized, while favourites and duplicates (whose foreign keys take only a
   * key-share lock) wait for nothing but their counter update.
   */
  findVisible(viewerId: string, id: string, lock = false): Promise<Template | null> {
    const query = this.scoped(TemplateScope.Visible, viewerId).andWhere('template.id = :id', {
      id,
    });
    if (lock) query.setLock('for_no_key_update');
    return query.getOne();
  }

  /** Any template that is not deleted, whatever its visibility (admin curation). */
  findById(id: string): Promise<Template | null> {
    return this.manager.findOneBy(Template, { id });
  }

  /**
   * A page of templates and the total. Every scope starts from a partial index:
   * IDX_templates_owner_created (own), IDX_templates_public_created or _public_filters
   * (public), IDX_templates_featured_created (featured), both of the first two combined
   * (visible); the equipment filter can use the GIN IDX_templates_public_equipment and the
   * popularity order IDX_templates_public_popularity. The rating order depends on the prior,
   * so no index can hold it: those pages sort the filtered rows (docs/templates.md).
   */
  findPage(
    scope: TemplateScope,
    viewerId: string,
    filter: TemplateFilter,
    order: TemplateOrder,
    offset: number,
    limit: number,
  ): Promise<[Template[], number]> {
    const query = this.scoped(scope, viewerId);
    if (filter.goal) query.andWhere('template.goal = :goal', { goal: filter.goal });
    if (filter.level) query.andWhere('template.level = :level', { level: filter.level });
    if (filter.daysPerWeek) {
      query.andWhere('template.daysPerWeek = :daysPerWeek', { daysPerWeek: filter.daysPerWeek });
    }
    if (filter.equipment) {
      // Not named like the `equipment` type: TypeORM would also replace ":equipment" in
      // "::equipment".
      query.andWhere('template.equipment <@ CAST(:availableEquipment AS equipment[])', {
        availableEquipment: filter.equipment,
      });
    }
    if (filter.favoritesOnly) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM template_favorites favorite WHERE favorite.user_id = :viewerId AND favorite.template_id = template.id)',
        { viewerId },
      );
    }
    if (order.sort === TemplateSort.Rating) {
      query
        .addOrderBy(BAYESIAN_AVERAGE, 'DESC')
        .addOrderBy('template.ratingCount', 'DESC')
        .setParameters({ priorMean: order.prior.mean, priorWeight: order.prior.weight });
    } else if (order.sort === TemplateSort.Popularity) {
      query.addOrderBy(POPULARITY, 'DESC');
    }
    return query
      .addOrderBy('template.createdAt', 'DESC')
      .addOrderBy('template.id', 'DESC')
      .offset(offset)
      .limit(limit)
      .getManyAndCount();
  }

  /** Days, exercises and sets in order, through the (parent, position) unique indexes. */
  findStructure(templateId: string): Promise<TemplateDay[]> {
    return this.manager
      .createQueryBuilder(TemplateDay, 'day')
      .leftJoinAndSelect('day.exercises', 'item')
      .leftJoinAndSelect('item.sets', 'templateSet')
      .where('day.templateId = :templateId', { templateId })
      .orderBy('day.position', 'ASC')
      .addOrderBy('item.position', 'ASC')
      .addOrderBy('templateSet.position', 'ASC')
      .getMany();
  }

  /** Inserts the template row and returns its id; counters start at 0, version at 1. */
  async insertTemplate(template: NewTemplate): Promise<string> {
    const result = await this.manager.insert(Template, template);
    return result.identifiers[0].id as string;
  }

  /**
   * One INSERT per table (parents first; the ids are made by structureRows). The limits keep
   * the largest template at 4,000 sets × 11 parameters, under PostgreSQL's 65,535.
   */
  async insertStructure(rows: StructureRows): Promise<void> {
    await this.manager.insert(TemplateDay, rows.days);
    await this.manager.insert(TemplateExercise, rows.exercises);
    await this.manager.insert(TemplateSet, rows.sets);
  }

  /** Deleting the days cascades to their exercises and sets. */
  async replaceStructure(templateId: string, rows: StructureRows): Promise<void> {
    await this.manager.delete(TemplateDay, { templateId });
    await this.insertStructure(rows);
  }

  /** The owner's edit: TypeORM also bumps `version` and `updated_at`. */
  async update(id: string, changes: TemplateChanges): Promise<void> {
    await this.manager.update(Template, { id }, changes);
  }

  async softDelete(id: string): Promise<void> {
    await this.manager.softDelete(Template, { id });
  }

  /** Curation is not an edit of the owner's: plain SQL, so `version` stays as it is. */
  async setFeatured(id: string, featured: boolean): Promise<void> {
    await this.manager.query('UPDATE templates SET featured = $2 WHERE id = $1', [id, featured]);
  }

  /**
   * Adds the deltas to the counters in one atomic UPDATE and returns their new values. Plain
   * SQL on purpose: TypeORM's update would also bump `version`, and a favourite must not
   * make the owner's next PUT stale.
   */
  async bumpCounters(
    templateId: string,
    deltas: Partial<TemplateCounters>,
  ): Promise<TemplateCounters> {
    const changes = Object.entries(deltas) as [keyof TemplateCounters, number][];
    const assignments = changes.map(([counter], i) => {
      const column = COUNTER_COLUMNS[counter];
      return `${column} = ${column} + $${i + 2}`;
    });
    const returning = Object.entries(COUNTER_COLUMNS).map(
      ([counter, column]) => `${column} AS "${counter}"`,
    );
    // For UPDATE, TypeORM's query() answers [rows, affected count].
    const [rows] = (await this.manager.query(
      `UPDATE templates SET ${assignments.join(', ')} WHERE id = $1 RETURNING ${returning.join(', ')}`,
      [templateId, ...changes.map(([, delta]) => delta)],
    )) as [TemplateCounters[], number];
    return rows[0];
  }

  /** False if it already was a favourite (UQ_template_favorites_user_template). */
  async addFavorite(userId: string, templateId: string): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(TemplateFavorite)
      .values({ userId, templateId })
      .orIgnore()
      .execute();
    return !!result.identifiers[0]?.id;
  }

  /** False if it was not a favourite. */
  async removeFavorite(userId: string, templateId: string): Promise<boolean> {
    const result = await this.manager.delete(TemplateFavorite, { userId, templateId });
    return (result.affected ?? 0) > 0;
  }

  /** The user's vote on the template, if any (UQ_template_ratings_user_template). */
  async findScore(userId: string, templateId: string): Promise<number | null> {
    const rating = await this.manager.findOne(TemplateRating, {
      select: { id: true, score: true },
      where: { userId, templateId },
    });
    return rating?.score ?? null;
  }

  /** Records the vote, replacing the user's earlier one. */
  async saveScore(userId: string, templateId: string, score: number): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(TemplateRating)
      .values({ userId, templateId, score })
      .orUpdate(['score', 'updated_at'], ['user_id', 'template_id'])
      .execute();
  }

  /**
   * Every vote on templates that still exist, summed from the counters of the rated
   * templates: an index-only scan of IDX_templates_rated rather than a pass over the votes.
   */
  async ratingTotals(): Promise<RatingTally> {
    const [totals] = (await this.manager.query(
      `SELECT COALESCE(sum(rating_count), 0)::float8 AS count, COALESCE(sum(rating_sum), 0)::float8 AS sum
         FROM templates WHERE rating_count > 0 AND deleted_at IS NULL`,
    )) as RatingTally[];
    return totals;
  }

  /** The viewer's favourites and votes among `templateIds`, through the (user, template) indexes. */
  async viewerMarks(viewerId: string, templateIds: string[]): Promise<ViewerMarks> {
    if (templateIds.length === 0) return { favorites: new Set(), scores: new Map() };
    const where = { userId: viewerId, templateId: In(templateIds) };
    const [favorites, ratings] = await Promise.all([
      this.manager.find(TemplateFavorite, { select: { id: true, templateId: true }, where }),
      this.manager.find(TemplateRating, {
        select: { id: true, templateId: true, score: true },
        where,
      }),
    ]);
    return {
      favorites: new Set(favorites.map((f) => f.templateId)),
      scores: new Map(ratings.map((r) => [r.templateId, r.score])),
    };
  }

  private scoped(scope: TemplateScope, viewerId: string): SelectQueryBuilder<Template> {
    const query = this.manager.createQueryBuilder(Template, 'template');
    switch (scope) {
      case TemplateScope.Own:
        return query.where('template.ownerId = :viewerId', { viewerId });
      case TemplateScope.Public:
        return query.where(IS_PUBLIC);
      case TemplateScope.Featured:
        return query.where(`template.featured AND ${IS_PUBLIC}`);
      case TemplateScope.Visible:
        return query.where(`(template.ownerId = :viewerId OR ${IS_PUBLIC})`, { viewerId });
    }
  }
}
