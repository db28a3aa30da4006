import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertValid } from '../../common/errors/domain-errors';
import { Page, toPage } from '../../common/pagination/page';
import { offsetOf } from '../../common/pagination/page-query.dto';
import { BayesianPrior, priorFrom, voteChange } from '../../common/ratings/bayesian-average';
import { RatingSummaryDto } from '../../common/ratings/rating.dto';
import { WeightUnit } from '../../common/units/weight-unit';
import { ExercisesService } from '../exercises/exercises.service';
import { UsersService } from '../users/users.service';
import { Template } from './entities/template.entity';
import { TemplateVisibility } from './template.vocabulary';
import { DuplicateTemplateDto } from './dto/duplicate-template.dto';
import { ListTemplatesQueryDto } from './dto/list-templates-query.dto';
import { CreateTemplateDto, UpdateTemplateDto } from './dto/template-input.dto';
import {
  FavoriteDto,
  TemplateDayDto,
  TemplateDto,
  TemplateSummaryDto,
  TemplateView,
} from './dto/template.dto';
import {
  copyName,
  DayPlan,
  dayPlansFromInput,
  dayPlansOf,
  deriveFacts,
  exerciseReferenceErrors,
  structureRows,
  TemplateFacts,
} from './template-structure';
import { TemplateScope, TemplatesRepository } from './templates.repository';
import { TemplateProblems } from './template-problems';

export interface FavoriteResult {
  favorite: FavoriteDto;
  /** False when the template already was a favourite: nothing changed. */
  created: boolean;
}

/** Which templates a list covers (recommendations ask for the public ones). */
export { TemplateScope } from './templates.repository';

/**
 * Workout templates: the rules (who may see, change, favourite, copy and rate what),
 * the transactions, and the shape of the answers. Visibility is uniform: a template that is
 * not the caller's and not public does not exist for the caller (404 on every route).
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly exercises: ExercisesService,
    private readonly users: UsersService,
  ) {}

  /** Weights sent as `weight` (and increments as `increment`) are in the author's unit. */
  async create(ownerId: string, dto: CreateTemplateDto): Promise<TemplateDto> {
    const { plans, facts, unit } = await this.checked(ownerId, dto);
    const id = await this.templates.inTransaction(async (tx) => {
      const templateId = await tx.insertTemplate({
        ownerId,
        name: dto.name,
        description: dto.description ?? null,
        goal: dto.goal,
        level: dto.level,
        visibility: dto.visibility,
        originTemplateId: null,
        weightUnit: unit,
        ...facts,
      });
      await tx.insertStructure(structureRows(templateId, plans));
      return templateId;
    });
    return this.get(ownerId, id);
  }

  /**
   * Replaces the whole template in one transaction. With `version`, a template changed since
   * that version is a 409 (optimistic concurrency); the row lock makes the check and the write
   * one step even when two edits race.
   */
  async update(ownerId: string, id: string, dto: UpdateTemplateDto): Promise<TemplateDto> {
    await this.templates.inTransaction(async (tx) => {
      const template = this.ownedForChange(await tx.findVisible(ownerId, id, true), ownerId);
      if (dto.version !== undefined && dto.version !== template.version) {
        throw TemplateProblems.versionConflict.exception(
          `The template has changed since version ${dto.version}: load version ${template.version} and apply your edit to it.`,
          { currentVersion: template.version },
        );
      }
      const { plans, facts, unit } = await this.checked(ownerId, dto);
      await tx.update(id, {
        name: dto.name,
        description: dto.description ?? null,
        goal: dto.goal,
        level: dto.level,
        visibility: dto.visibility,
        // Curation applies to what everyone can see: a template taken private leaves the list.
        featured: dto.visibility === TemplateVisibility.Public && template.featured,
        weightUnit: unit,
        ...facts,
      });
      await tx.replaceStructure(id, structureRows(id, plans));
    });
    return this.get(ownerId, id);
  }

  /** Soft delete: favourites, votes and copies that refer to it stay intact. */
  async remove(ownerId: string, id: string): Promise<void> {
    await this.templates.inTransaction(async (tx) => {
      this.ownedForChange(await tx.findVisible(ownerId, id, true), ownerId);
      await tx.softDelete(id);
    });
  }

  /**
   * The whole template as the viewer may see it (404 when they may not), weights in the
   * viewer's unit: exact when written in it, else rounded to the viewer's plates.
   */
  async get(viewerId: string, id: string): Promise<TemplateDto> {
    const template = this.found(await this.templates.findVisible(viewerId, id));
    const { weightUnit } = await this.users.preferencesOf(viewerId);
    const view = { writtenIn: template.weightUnit, unit: weightUnit };
    const [days, [summary]] = await Promise.all([
      this.daysOf(this.templates, id, view),
      this.summaries(viewerId, [template]),
    ]);
    return TemplateDto.withDays(summary, view, days);
  }

  /**
   * For the workouts module: the template a workout is started from, in the shape of
   * GET /templates/:id (days, exercises and sets in order). NotFoundException when the viewer
   * may not see it. Call recordUse once the workout exists.
   */
  findForWorkout(viewerId: string, templateId: string): Promise<TemplateDto> {
    return this.get(viewerId, templateId);
  }

  /**
   * Counts a workout started from the template (popularity). Pass the workout's transaction
   * manager to count it atomically with the workout.
   */
  async recordUse(templateId: string, manager?: EntityManager): Promise<void> {
    const templates = manager ? this.templates.withManager(manager) : this.templates;
    await templates.bumpCounters(templateId, { useCount: 1 });
  }

  /** A page of the scope's templates, filtered and ordered as asked. */
  async list(
    viewerId: string,
    scope: TemplateScope,
    query: ListTemplatesQueryDto & { favorites?: boolean },
  ): Promise<Page<TemplateSummaryDto>> {
    const prior = priorFrom(await this.templates.ratingTotals());
    const [rows, total] = await this.templates.findPage(
      scope,
      viewerId,
      {
        goal: query.goal,
        level: query.level,
        daysPerWeek: query.daysPerWeek,
        equipment: query.equipment,
        favoritesOnly: query.favorites,
      },
      { sort: query.sort, prior },
      offsetOf(query),
      query.limit,
    );
    return toPage(await this.summaries(viewerId, rows, prior), total, query);
  }

  /** Idempotent: favouriting twice changes nothing the second time. */
  async favorite(userId: string, id: string): Promise<FavoriteResult> {
    return this.templates.inTransaction(async (tx) => {
      const template = this.found(await tx.findVisible(userId, id));
      const created = await tx.addFavorite(userId, id);
      const favoriteCount = created
        ? (await tx.bumpCounters(id, { favoriteCount: 1 })).favoriteCount
        : template.favoriteCount;
      return { favorite: { templateId: id, isFavorite: true, favoriteCount }, created };
    });
  }

  /**
   * Idempotent. A favourite is removed even if its template has since become invisible to the
   * caller (deleted or made private), so nothing lingers that the caller cannot clear.
   */
  async unfavorite(userId: string, id: string): Promise<void> {
    await this.templates.inTransaction(async (tx) => {
      if (await tx.removeFavorite(userId, id)) {
        await tx.bumpCounters(id, { favoriteCount: -1 });
      } else {
        this.found(await tx.findVisible(userId, id));
      }
    });
  }

  /** A private copy for the caller that remembers its origin; the origin counts the copy. */
  async duplicate(userId: string, id: string, dto: DuplicateTemplateDto): Promise<TemplateDto> {
    const copyId = await this.templates.inTransaction(async (tx) => {
      const source = this.found(await tx.findVisible(userId, id));
      // The structure alone, read in the transaction: the exercises' labels would take a
      // second connection while this one is held, and enough concurrent copies would then
      // wait on each other until the pool timed out.
      const days = dayPlansOf(await tx.findStructure(id));
      const templateId = await tx.insertTemplate({
        ownerId: userId,
        name: dto.name ?? copyName(source.name),
        description: source.description,
        goal: source.goal,
        level: source.level,
        visibility: TemplateVisibility.Private,
        originTemplateId: source.id,
        daysPerWeek: source.daysPerWeek,
        equipment: source.equipment,
        // The copy keeps the numbers as written: readers of another unit still see them rounded.
        weightUnit: source.weightUnit,
      });
      await tx.insertStructure(structureRows(templateId, days));
      await tx.bumpCounters(source.id, { duplicateCount: 1 });
      return templateId;
    });
    return this.get(userId, copyId);
  }

  /**
   * One vote per user, replaced by a new one; owners cannot vote for their own template.
   * The row lock serializes votes on a template, so a first vote is counted exactly once
   * even when the same user's requests race.
   */
  async rate(userId: string, id: string, score: number): Promise<RatingSummaryDto> {
    const counters = await this.templates.inTransaction(async (tx) => {
      const template = this.found(await tx.findVisible(userId, id, true));
      if (template.ownerId === userId) {
        throw new ForbiddenException('You cannot rate your own template.');
      }
      const previous = await tx.findScore(userId, id);
      await tx.saveScore(userId, id, score);
      const change = voteChange(previous, score);
      return tx.bumpCounters(id, { ratingCount: change.count, ratingSum: change.sum });
    });
    const prior = priorFrom(await this.templates.ratingTotals());
    return RatingSummaryDto.from(
      { count: counters.ratingCount, sum: counters.ratingSum },
      prior,
      score,
    );
  }

  /** Admin curation: only a public template can be featured; unfeaturing always works. */
  async setFeatured(adminId: string, id: string, featured: boolean): Promise<TemplateSummaryDto> {
    const template = this.found(await this.templates.findById(id));
    if (featured && template.visibility !== TemplateVisibility.Public) {
      throw new ConflictException('Only public templates can be featured.');
    }
    await this.templates.setFeatured(id, featured);
    const [summary] = await this.summaries(adminId, [{ ...template, featured }]);
    return summary;
  }

  /** List items with the viewer's favourite flag and vote, in two indexed lookups. */
  private async summaries(
    viewerId: string,
    templates: Template[],
    prior?: BayesianPrior,
  ): Promise<TemplateSummaryDto[]> {
    const [marks, ranking] = await Promise.all([
      this.templates.viewerMarks(
        viewerId,
        templates.map((t) => t.id),
      ),
      prior ?? this.templates.ratingTotals().then((totals) => priorFrom(totals)),
    ]);
    return templates.map((template) =>
      TemplateSummaryDto.from(
        template,
        RatingSummaryDto.from(
          { count: template.ratingCount, sum: template.ratingSum },
          ranking,
          marks.scores.get(template.id) ?? null,
        ),
        marks.favorites.has(template.id),
      ),
    );
  }

  /** The template's days as answers carry them, each exercise with its name and equipment. */
  private async daysOf(
    templates: TemplatesRepository,
    id: string,
    view: TemplateView,
  ): Promise<TemplateDayDto[]> {
    const days = await templates.findStructure(id);
    const exercises = await this.exercises.labelsOf(
      days.flatMap((day) => day.exercises!.map((item) => item.exerciseId)),
    );
    return days.map((day) => TemplateDayDto.from(day, exercises, view));
  }

  /**
   * The body as stored plans, in kilograms from the author's unit, once every rule beyond its
   * shape holds: weights and increments within the limits once converted, and every exercise
   * reference one the owner may use (then the listing facts derive from the exercises found).
   * Field errors name their path, e.g. `days.I.exercises.J.exerciseId`, all at once.
   */
  private async checked(
    ownerId: string,
    dto: CreateTemplateDto,
  ): Promise<{ plans: DayPlan[]; facts: TemplateFacts; unit: WeightUnit }> {
    const { weightUnit: unit } = await this.users.preferencesOf(ownerId);
    const { plans, errors } = dayPlansFromInput(dto.days, unit);
    const ids = dto.days.flatMap((day) => day.exercises.map((item) => item.exerciseId));
    const usable = await this.exercises.findUsable(ownerId, ids);
    assertValid([
      ...exerciseReferenceErrors(plans, usable, dto.visibility === TemplateVisibility.Public),
      ...errors,
    ]);
    return { plans, facts: deriveFacts(plans, usable), unit };
  }

  /**
   * The caller's own template: 404 when they cannot see it, 403 when it is someone else's
   * public one (they know it exists, so hiding it would only confuse).
   */
  private ownedForChange(candidate: Template | null, userId: string): Template {
    const template = this.found(candidate);
    if (template.ownerId !== userId) {
      throw new ForbiddenException(
        'Only the owner can change or delete this template; duplicate it to make your own.',
      );
    }
    return template;
  }

  private found(template: Template | null): Template {
    if (!template) throw new NotFoundException('No such template.');
    return template;
  }
}
