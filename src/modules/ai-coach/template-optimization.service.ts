import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { AiQuotaService } from '../ai/ai-quota.service';
import { AiService } from '../ai/ai.service';
import { ExercisesService } from '../exercises/exercises.service';
import { TemplateDto } from '../templates/dto/template.dto';
import { TemplatesService } from '../templates/templates.service';
import { Equipment } from '../training/exercise-attributes.vocabulary';
import { UsersService } from '../users/users.service';
import { ApplyOptimizationDto, TemplateOptimizationDto } from './dto/template-optimization.dto';
import { applyChanges, proposeChanges } from './template-optimization';
import { TemplateOptimizationsRepository } from './template-optimizations.repository';
import { trainingLoad } from './training-load';
import { TrainingLoadRepository } from './training-load.repository';

/** The local provider's name in the ledger. */
export const OPTIMIZATION_RULES_MODEL = 'fitai-optimization-rules-1';

/**
 * Template optimisation (docs/ai-coach.md, "Template optimisation"): changes proposed from the
 * user's own sessions of their template, each with its reason and numbers, stored; applied
 * only when the user names them, as a new version of the template (never silently).
 */
@Injectable()
export class TemplateOptimizationService {
  constructor(
    private readonly optimizations: TemplateOptimizationsRepository,
    private readonly templates: TemplatesService,
    private readonly exercises: ExercisesService,
    private readonly users: UsersService,
    private readonly ai: AiService,
    private readonly quota: AiQuotaService,
    private readonly loads: TrainingLoadRepository,
  ) {}

  async propose(userId: string, templateId: string): Promise<TemplateOptimizationDto> {
    const template = await this.ownTemplate(userId, templateId);
    await this.quota.consume(userId, 'template_optimization');
    const now = new Date();
    const [history, catalogue, preferences, sessions] = await Promise.all([
      this.optimizations.history(userId, templateId),
      this.exercises.catalogue(userId),
      this.users.preferencesOf(userId),
      this.loads.sessions(userId, now),
    ]);
    const load = trainingLoad(sessions.sessions, sessions.firstSessionAt, now);
    const { value: changes } = await this.ai.run({
      userId,
      feature: 'template_optimization',
      localModel: OPTIMIZATION_RULES_MODEL,
      local: () =>
        proposeChanges({
          days: template.days,
          history,
          catalogue,
          equipment: preferences.equipment ?? Object.values(Equipment),
          level: preferences.trainingLevel,
          load,
        }),
    });
    const row = await this.optimizations.insert({
      userId,
      templateId,
      templateVersion: template.version,
      sessionsAnalysed: new Set(history.map((s) => s.sessionAt.getTime())).size,
      changes,
    });
    return TemplateOptimizationDto.from(row);
  }

  /**
   * Applies the named changes as a new version of the template. 409 when the template changed
   * since the proposal (TemplatesService's version check) or the proposal was applied already.
   */
  async apply(
    userId: string,
    templateId: string,
    optimizationId: string,
    dto: ApplyOptimizationDto,
  ): Promise<TemplateDto> {
    const optimization = await this.optimizations.findOwned(userId, templateId, optimizationId);
    if (!optimization) throw new NotFoundException('No such optimisation of this template.');
    if (optimization.appliedAt) {
      throw new ConflictException('This optimisation was applied already; ask for a new one.');
    }
    const known = new Set(optimization.changes.map((c) => c.id));
    const unknown = dto.changeIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ValidationProblem([
        { field: 'changeIds', messages: [`unknown change ids: ${unknown.join(', ')}`] },
      ]);
    }
    const template = await this.ownTemplate(userId, templateId);
    if (template.version !== optimization.templateVersion) {
      throw new ConflictException(
        `The template has changed since the proposal (version ${optimization.templateVersion}, now ${template.version}): ask for a new one.`,
      );
    }
    const chosen = optimization.changes.filter((c) => dto.changeIds.includes(c.id));
    const updated = await this.templates.update(userId, templateId, {
      name: template.name,
      description: template.description,
      goal: template.goal,
      level: template.level,
      visibility: template.visibility,
      version: optimization.templateVersion,
      days: applyChanges(template.days, chosen),
    });
    if (!(await this.optimizations.markApplied(optimization.id, dto.changeIds, updated.version))) {
      throw new ConflictException('This optimisation was applied already; ask for a new one.');
    }
    return updated;
  }

  /** The caller's own template; anyone else's (public ones included) is not found. */
  private async ownTemplate(userId: string, templateId: string): Promise<TemplateDto> {
    const template = await this.templates.get(userId, templateId);
    if (template.ownerId !== userId) throw new NotFoundException('No such template of yours.');
    return template;
  }
}
