import { Injectable, NotFoundException } from '@nestjs/common';
import { assertValid, ProblemException } from '../../common/errors/domain-errors';
import { isUniqueViolation } from '../../common/database/unique-violation';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { keysetOf } from '../../common/pagination/cursor-query.dto';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { publishDomainEvents } from '../../infrastructure/events/publish-domain-events';
import { UsersService } from '../users/users.service';
import { BodyMetricProblems } from './body-metric-problems';
import { BodyMetricChanges, BodyMetricsRepository } from './body-metrics.repository';
import { BodyMetricDto } from './dto/body-metric.dto';
import { CreateBodyMetricDto } from './dto/create-body-metric.dto';
import { ListBodyMetricsQueryDto } from './dto/list-body-metrics-query.dto';
import { UpdateBodyMetricDto } from './dto/update-body-metric.dto';
import { BodyMetric } from './entities/body-metric.entity';
import { nothingMeasuredErrors, NO_MEASUREMENTS, toStoredMeasurements } from './measurements';

/**
 * Body readings: stored in kg, % and cm, sent and answered in the user's units. Every write
 * publishes `body-metric.logged` (or `.deleted`) in its transaction.
 */
@Injectable()
export class BodyMetricsService {
  constructor(
    private readonly metrics: BodyMetricsRepository,
    private readonly users: UsersService,
  ) {}

  async create(userId: string, dto: CreateBodyMetricDto): Promise<BodyMetricDto> {
    const units = await this.users.preferencesOf(userId);
    const { stored, errors } = toStoredMeasurements(dto, units);
    assertValid([...errors, ...nothingMeasuredErrors(stored)]);
    const measuredAt = dto.measuredAt ?? new Date();
    const created = await this.metrics.inTransaction(async (tx, manager) => {
      const metric = await tx.insertUnlessInstantTaken({
        ...NO_MEASUREMENTS,
        ...stored,
        userId,
        measuredAt,
        note: dto.note ?? null,
      });
      if (metric) await publishDomainEvents(manager, logged(userId, metric.id));
      return metric;
    });
    if (!created) throw await this.instantTaken(userId, measuredAt);
    return BodyMetricDto.from(created, units);
  }

  async list(userId: string, query: ListBodyMetricsQueryDto): Promise<CursorPage<BodyMetricDto>> {
    const [units, rows] = await Promise.all([
      this.users.preferencesOf(userId),
      this.metrics.findPage(userId, {
        from: query.from,
        to: query.to,
        before: keysetOf(query),
        limit: query.limit,
      }),
    ]);
    return toCursorPage(
      rows,
      query.limit,
      (m) => ({ at: m.measuredAt, id: m.id }),
      (m) => BodyMetricDto.from(m, units),
    );
  }

  async get(userId: string, id: string): Promise<BodyMetricDto> {
    const [units, metric] = await Promise.all([
      this.users.preferencesOf(userId),
      this.owned(userId, id),
    ]);
    return BodyMetricDto.from(metric, units);
  }

  async update(userId: string, id: string, dto: UpdateBodyMetricDto): Promise<BodyMetricDto> {
    const [units, before] = await Promise.all([
      this.users.preferencesOf(userId),
      this.owned(userId, id),
    ]);
    const { stored, errors } = toStoredMeasurements(dto, units);
    // Only what was sent: undefined leaves a field alone, null clears it.
    const changes = Object.fromEntries(
      Object.entries({ ...stored, measuredAt: dto.measuredAt, note: dto.note }).filter(
        ([, value]) => value !== undefined,
      ),
    ) as BodyMetricChanges;
    assertValid([...errors, ...nothingMeasuredErrors({ ...before, ...changes })]);
    if (Object.keys(changes).length === 0) return BodyMetricDto.from(before, units);
    try {
      await this.metrics.inTransaction(async (tx, manager) => {
        await tx.update(id, changes);
        await publishDomainEvents(manager, logged(userId, id));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw await this.instantTaken(userId, changes.measuredAt!);
      throw error;
    }
    return BodyMetricDto.from(await this.owned(userId, id), units);
  }

  async remove(userId: string, id: string): Promise<void> {
    const metric = await this.owned(userId, id);
    await this.metrics.inTransaction(async (tx, manager) => {
      await tx.delete(metric.id);
      await publishDomainEvents(
        manager,
        domainEvent('body-metric.deleted', { userId, bodyMetricId: metric.id }),
      );
    });
  }

  private async owned(userId: string, id: string): Promise<BodyMetric> {
    const metric = await this.metrics.findOwned(userId, id);
    if (!metric) throw new NotFoundException('No such body metric.');
    return metric;
  }

  private async instantTaken(userId: string, measuredAt: Date): Promise<ProblemException> {
    const existing = await this.metrics.findAt(userId, measuredAt);
    return BodyMetricProblems.exists.exception(
      `You already have a body metric measured at ${measuredAt.toISOString()}; ` +
        'change that one (PUT /progress/body/{existingId}) or use another instant.',
      existing ? { existingId: existing.id } : {},
    );
  }
}

const logged = (userId: string, bodyMetricId: string) =>
  domainEvent('body-metric.logged', { userId, bodyMetricId });
