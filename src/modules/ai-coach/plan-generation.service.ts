import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { CursorQueryDto, keysetOf } from '../../common/pagination/cursor-query.dto';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { AiQuotaService } from '../ai/ai-quota.service';
import { AiService } from '../ai/ai.service';
import { ExercisesService } from '../exercises/exercises.service';
import { CreateTemplateDto } from '../templates/dto/template-input.dto';
import { TemplateGoal, TemplateVisibility } from '../templates/template.vocabulary';
import { TemplatesService } from '../templates/templates.service';
import { Equipment, ExerciseLevel } from '../training/exercise-attributes.vocabulary';
import { ProgressionType } from '../training/progression-rule.vocabulary';
import { SetType } from '../training/set-type.vocabulary';
import { UsersService } from '../users/users.service';
import { GeneratePlanDto } from './dto/generate-plan.dto';
import { PlanGenerationDto } from './dto/plan-generation.dto';
import { GenerationStatus, PlanGeneration } from './entities/plan-generation.entity';
import { buildPlan, GeneratedPlan, PLAN_RULES_MODEL, PlanSpec } from './plan-builder';
import { planChatRequest } from './plan-prompt';
import { PlanGenerationsRepository } from './plan-generations.repository';
import { validatePlan } from './plan-validation';

const SWEEP_BATCH = 200;
/** A processing row this old has lost its job (Bull retries live ones itself). */
const STUCK_PROCESSING_FACTOR = 10;

/**
 * Plan generation (docs/ai-coach.md, "Plan generation"): the API resolves the request against
 * the user's preferences, takes a unit of the `plan` quota, stores a pending row and enqueues
 * its job (202); the worker asks the AI layer (the model with a JSON schema when configured,
 * else or on failure the local rules), validates the plan, and saves it as a private template
 * when asked. Nothing invalid is stored: a plan that fails validatePlan is never kept.
 */
@Injectable()
export class PlanGenerationService {
  private readonly logger = new Logger(PlanGenerationService.name);

  constructor(
    private readonly generations: PlanGenerationsRepository,
    private readonly exercises: ExercisesService,
    private readonly users: UsersService,
    private readonly templates: TemplatesService,
    private readonly ai: AiService,
    private readonly quota: AiQuotaService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async request(
    userId: string,
    dto: GeneratePlanDto,
    saveAsTemplate: boolean,
  ): Promise<PlanGenerationDto> {
    const spec = await this.resolve(userId, dto);
    await this.quota.consume(userId, 'plan');
    const generation = await this.generations.insertPending(userId, spec, saveAsTemplate);
    await this.enqueue(generation).catch((error: unknown) =>
      // The row is the truth: the sweeper enqueues it once Redis answers again.
      this.logger.warn(
        { err: error, generationId: generation.id },
        'plan generation job not enqueued; the sweeper will retry',
      ),
    );
    return PlanGenerationDto.from(generation);
  }

  async get(userId: string, id: string): Promise<PlanGenerationDto> {
    const generation = await this.generations.findOwned(userId, id);
    if (!generation) throw new NotFoundException('No such plan generation.');
    return PlanGenerationDto.from(generation);
  }

  async list(userId: string, query: CursorQueryDto): Promise<CursorPage<PlanGenerationDto>> {
    const rows = await this.generations.findPage(userId, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (g) => ({ at: g.createdAt, id: g.id }),
      (g) => PlanGenerationDto.from(g),
    );
  }

  /**
   * Worker side. Idempotent: a generation no longer pending or processing is skipped, and a
   * plan already kept by an earlier attempt is reused (the provider is not asked twice).
   * Throws to let Bull retry; on the last attempt the row is marked failed with the reason.
   */
  async process(
    generationId: string,
    attempt: { number: number; of: number },
  ): Promise<GenerationStatus | 'skipped'> {
    const generation = await this.generations.claim(generationId);
    if (!generation) return 'skipped';
    try {
      if (!generation.plan) {
        // The request took a quota unit; a cached plan gives it back (first attempt only).
        const answer = await this.generate(
          generation.userId,
          generation.spec,
          attempt.number === 1 ? generation.requestedAt : undefined,
        );
        await this.generations.keepPlan(generation.id, {
          plan: answer.value,
          provider: answer.provider,
          model: answer.model,
          fellBack: answer.fellBack,
        });
        generation.plan = answer.value;
      }
      const templateId = generation.saveAsTemplate
        ? await this.saveAsTemplate(generation.userId, generation.plan)
        : null;
      await this.generations.complete(generation.id, templateId);
      return GenerationStatus.Completed;
    } catch (error) {
      if (attempt.number >= attempt.of) {
        await this.generations.fail(generation.id, (error as Error).message || 'unknown error');
      }
      throw error;
    }
  }

  /** Worker side, periodic: re-enqueues requests whose job never reached Redis or was lost. */
  async sweep(now = new Date()): Promise<number> {
    const after = this.config.ai.coachSweepAfterSeconds * 1000;
    const stuck = [
      ...(await this.generations.findStuck(
        GenerationStatus.Pending,
        new Date(now.getTime() - after),
        SWEEP_BATCH,
      )),
      ...(await this.generations.findStuck(
        GenerationStatus.Processing,
        new Date(now.getTime() - after * STUCK_PROCESSING_FACTOR),
        SWEEP_BATCH,
      )),
    ];
    for (const generation of stuck) await this.enqueue(generation);
    if (stuck.length) {
      this.logger.log({ count: stuck.length }, 'plan generations re-enqueued by the sweeper');
    }
    return stuck.length;
  }

  /**
   * The validated plan from the configured provider. The local plan is validated as well:
   * should a rule ever produce an invalid plan, the job fails rather than store it.
   */
  async generate(userId: string, spec: PlanSpec, quotaTakenAt?: Date) {
    const catalogue = await this.exercises.catalogue(userId);
    const byId = new Map(catalogue.map((e) => [e.id, e]));
    return this.ai.run<GeneratedPlan>({
      userId,
      feature: 'plan',
      localModel: PLAN_RULES_MODEL,
      local: () => {
        const plan = buildPlan(spec, catalogue);
        const errors = validatePlan(plan, spec, byId);
        if (errors.length > 0) throw new Error(`the local plan is invalid: ${errors[0]}`);
        return plan;
      },
      remote: () => planChatRequest(spec, byId),
      // Deterministic inputs: the same specification over the same catalogue.
      cache: { inputs: { spec, catalogue }, schemaVersion: 'plan-1' },
      quota: quotaTakenAt ? { takenAt: quotaTakenAt } : undefined,
    });
  }

  /** The request with the user's preferences filling what it leaves out. */
  private async resolve(userId: string, dto: GeneratePlanDto): Promise<PlanSpec> {
    const preferences = await this.users.preferencesOf(userId);
    return {
      goal: dto.goal,
      daysPerWeek: dto.daysPerWeek,
      sessionMinutes: dto.sessionMinutes,
      level: dto.level ?? preferences.trainingLevel ?? ExerciseLevel.Beginner,
      equipment: dto.equipment ?? preferences.equipment ?? Object.values(Equipment),
      excludedExerciseIds: dto.excludedExerciseIds ?? [],
      avoidMuscles: dto.avoidMuscles ?? [],
    };
  }

  /** The plan as the user's private template, through the templates' own checks. */
  private async saveAsTemplate(userId: string, plan: GeneratedPlan): Promise<string> {
    const dto: CreateTemplateDto = {
      name: plan.name,
      description: plan.description,
      goal: plan.goal as unknown as TemplateGoal,
      level: plan.level,
      visibility: TemplateVisibility.Private,
      days: plan.days.map((day) => ({
        name: day.name,
        notes: day.rationale,
        exercises: day.exercises.map((item) => ({
          exerciseId: item.exerciseId,
          notes: null,
          progression:
            item.progression.type === ProgressionType.LinearLoad
              ? {
                  type: ProgressionType.LinearLoad,
                  incrementKg: item.progression.incrementKg,
                  when: item.progression.when,
                }
              : { type: ProgressionType.None },
          sets: Array.from({ length: item.prescription.sets }, () => ({
            type: SetType.Normal,
            repsMin: item.prescription.repsMin,
            repsMax: item.prescription.repsMax,
            rpeTarget: item.prescription.rpeTarget,
            rirTarget: item.prescription.rirTarget,
            restSeconds: item.prescription.restSeconds,
          })),
        })),
      })),
    };
    const template = await this.templates.create(userId, dto);
    return template.id;
  }

  /** One job per request: the id names the request, so the sweeper cannot duplicate it. */
  private enqueue(generation: PlanGeneration): Promise<void> {
    return this.jobs.enqueue(
      JobName.GeneratePlan,
      { generationId: generation.id },
      { jobId: `plan:${generation.id}:${generation.requestedAt.getTime()}` },
    );
  }
}
