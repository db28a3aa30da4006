import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import { updateReturningEntity } from '../../common/database/update-returning';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { GenerationStatus, PlanGeneration } from './entities/plan-generation.entity';
import type { GeneratedPlan, PlanSpec } from './plan-builder';

@Injectable()
export class PlanGenerationsRepository {
  constructor(
    @InjectRepository(PlanGeneration) private readonly generations: Repository<PlanGeneration>,
  ) {}

  insertPending(userId: string, spec: PlanSpec, saveAsTemplate: boolean): Promise<PlanGeneration> {
    return this.generations.save(
      this.generations.create({
        userId,
        spec,
        saveAsTemplate,
        status: GenerationStatus.Pending,
        requestedAt: new Date(),
      }),
    );
  }

  /** Primary key, then the owner compared: another user's id is not found. */
  findOwned(userId: string, id: string): Promise<PlanGeneration | null> {
    return this.generations.findOneBy({ id, userId });
  }

  /** Newest first, keyset on (created_at, id): IDX_plan_generations_user_created. */
  findPage(
    userId: string,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<PlanGeneration[]> {
    const query = this.generations
      .createQueryBuilder('generation')
      .where('generation.userId = :userId', { userId });
    return newestFirstPage(query, 'createdAt', before, limit).getMany();
  }

  /** Pending or processing (a retry, or a job re-enqueued by the sweeper) can be claimed. */
  claim(id: string): Promise<PlanGeneration | null> {
    return updateReturningEntity(this.generations, (update) =>
      update
        .set({
          status: GenerationStatus.Processing,
          startedAt: () => 'now()',
          attempts: () => 'attempts + 1',
        })
        .where('id = :id', { id })
        .andWhere('status IN (:...statuses)', {
          statuses: [GenerationStatus.Pending, GenerationStatus.Processing],
        }),
    );
  }

  /**
   * Keeps the validated plan on the row still processing: a retry after a failure to save the
   * template reuses it instead of asking the provider again.
   */
  async keepPlan(
    id: string,
    answer: { plan: GeneratedPlan; provider: 'local' | 'openai'; model: string; fellBack: boolean },
  ): Promise<void> {
    await this.generations.update({ id, status: GenerationStatus.Processing }, answer);
  }

  complete(id: string, templateId: string | null): Promise<PlanGeneration | null> {
    return updateReturningEntity(this.generations, (update) =>
      update
        .set({
          status: GenerationStatus.Completed,
          templateId,
          failureReason: null,
          completedAt: () => 'now()',
        })
        .where('id = :id AND status = :processing AND plan IS NOT NULL', {
          id,
          processing: GenerationStatus.Processing,
        }),
    );
  }

  async fail(id: string, reason: string): Promise<void> {
    await this.generations.update(
      { id, status: GenerationStatus.Processing },
      { status: GenerationStatus.Failed, failureReason: reason.slice(0, 500) },
    );
  }

  /** Requests whose job may have been lost (IDX_plan_generations_open_requested, partial). */
  findStuck(
    status: GenerationStatus,
    requestedBefore: Date,
    limit: number,
  ): Promise<PlanGeneration[]> {
    return this.generations.find({
      where: { status: In([status]), requestedAt: LessThan(requestedBefore) },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
  }
}
