import { preparedQuery } from '../../common/database/prepared-statement';
import {
  LocalDayRange,
  localDayRangeParams,
  localDayRangesSql,
} from '../../common/time/local-day-range';
import { endOfLocalDaySql, withinLocalDaysSql } from '../../common/time/local-day-sql';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { GoalMilestone } from './entities/goal-milestone.entity';
import { Goal } from './entities/goal.entity';
import { GoalStatus, GoalType } from './goal-metrics';
import { Milestone } from './goal-progress';

export type NewGoal = Pick<
  Goal,
  | 'userId'
  | 'type'
  | 'metric'
  | 'exerciseId'
  | 'title'
  | 'targetValue'
  | 'baselineValue'
  | 'currentValue'
  | 'deadline'
>;

export type GoalChanges = Partial<Pick<Goal, 'title' | 'targetValue' | 'deadline' | 'status'>>;

export interface GoalProgressUpdate {
  current: number | null;
  percent: number;
  milestones: Milestone[];
  /** When what moved the goal happened (default now): milestones and achievement are dated so. */
  at?: Date;
}

/** What a stored progress changed: exactly once per goal across concurrent or repeated runs. */
export interface SavedProgress {
  /** The milestones this call recorded (not those another run recorded first). */
  recordedMilestones: Milestone[];
  /** True when this call moved the goal from active to achieved. */
  achieved: boolean;
}

/** One row per (type, status) of a user's goals. */
export interface GoalCountRow {
  type: GoalType;
  status: GoalStatus;
  count: number;
  /** Σ days from creation to achievement, over the achieved goals of the group. */
  daysToAchieve: number;
}

/** A range's goals: achieved on its days, and active at its end. */
export interface RangeGoalCountsRow {
  achieved: number;
  active: number;
}

@Injectable()
export class GoalsRepository {
  constructor(
    @InjectRepository(Goal) private readonly goals: Repository<Goal>,
    @InjectRepository(GoalMilestone) private readonly milestones: Repository<GoalMilestone>,
  ) {}

  /** Runs `work` in one transaction, with this repository and the manager bound to it. */
  inTransaction<T>(work: (tx: GoalsRepository, manager: EntityManager) => Promise<T>): Promise<T> {
    return this.goals.manager.transaction((manager) =>
      work(
        new GoalsRepository(manager.getRepository(Goal), manager.getRepository(GoalMilestone)),
        manager,
      ),
    );
  }

  /**
   * Serializes progress recomputation of one user's goals until the transaction ends (a
   * transaction-level advisory lock): deliveries of several events run one after another.
   */
  async lockProgressOf(userId: string): Promise<void> {
    await this.goals.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `goal-progress:${userId}`,
    ]);
  }

  async insert(goal: NewGoal): Promise<Goal> {
    const result = await this.goals.insert(goal);
    return this.goals.findOneByOrFail({ id: (result.identifiers[0] as { id: string }).id });
  }

  /** Soft-deleted goals are left out (TypeORM adds deleted_at IS NULL). */
  findOwned(userId: string, id: string): Promise<Goal | null> {
    return this.goals.findOneBy({ id, userId });
  }

  /** Newest first, keyset on (created_at, id): IDX_goals_user_created / _user_status_created. */
  findPage(
    userId: string,
    filter: { status?: GoalStatus; before?: KeysetPosition; limit: number },
  ): Promise<Goal[]> {
    const query = this.goals.createQueryBuilder('goal').where('goal.userId = :userId', { userId });
    if (filter.status) query.andWhere('goal.status = :status', { status: filter.status });
    return newestFirstPage(query, 'createdAt', filter.before, filter.limit).getMany();
  }

  /** The goals a recompute updates (IDX_goals_user_status_created). */
  findActive(userId: string): Promise<Goal[]> {
    return this.goals.findBy({ userId, status: GoalStatus.Active });
  }

  async update(id: string, changes: GoalChanges): Promise<void> {
    await this.goals.update({ id }, changes);
  }

  async softDelete(id: string): Promise<void> {
    await this.goals.softDelete({ id });
  }

  /** Marks an active goal achieved now; false when it is not active (any more). */
  async markAchieved(id: string): Promise<boolean> {
    const result = await this.goals.update(
      { id, status: GoalStatus.Active },
      { status: GoalStatus.Achieved, achievedAt: () => 'now()' },
    );
    return result.affected === 1;
  }

  /** UQ_goal_milestones_goal_percent. */
  findMilestones(goalId: string): Promise<GoalMilestone[]> {
    return this.milestones.find({ where: { goalId }, order: { percent: 'ASC' } });
  }

  /**
   * Stores a recomputed progress (call it in a transaction): the values, the new milestones,
   * and at 100 % the achievement. Only an active goal changes (so achieved_at is set once, and
   * a goal completed or abandoned meanwhile is left alone); a milestone another run recorded
   * first is skipped by the unique index and not reported.
   */
  async saveProgress(goalId: string, update: GoalProgressUpdate): Promise<SavedProgress> {
    // TypeORM answers an UPDATE with [rows, affected count].
    // The instant it happened, clamped to [the goal's creation, now].
    const reached = 'greatest(created_at, least(now(), coalesce($4::timestamptz, now())))';
    const [updated]: [{ status: GoalStatus; reachedAt: Date }[], number] = await this.goals.query(
      `UPDATE goals
          SET current_value = $2::numeric, progress_pct = $3::numeric, updated_at = now(),
              status = CASE WHEN $3::numeric >= 100 THEN 'achieved'::goal_status ELSE status END,
              achieved_at = CASE WHEN $3::numeric >= 100 THEN ${reached} ELSE achieved_at END
        WHERE id = $1 AND status = 'active' AND deleted_at IS NULL
        RETURNING status, ${reached} AS "reachedAt"`,
      [goalId, update.current, update.percent, update.at ?? null],
    );
    if (updated.length === 0) return { recordedMilestones: [], achieved: false };
    const achieved = updated[0].status === GoalStatus.Achieved;
    if (update.milestones.length === 0) return { recordedMilestones: [], achieved };
    const recorded: { percent: Milestone }[] = await this.goals.query(
      `INSERT INTO goal_milestones (goal_id, percent, value, reached_at)
       SELECT $1, percent, $3::numeric, $4::timestamptz FROM unnest($2::smallint[]) AS percent
       ON CONFLICT (goal_id, percent) DO NOTHING
       RETURNING percent`,
      [goalId, update.milestones, update.current, updated[0].reachedAt],
    );
    return { recordedMilestones: recorded.map((row) => row.percent), achieved };
  }

  /** Counts per type and status in one pass over the user's goals (IDX_goals_user_created). */
  async countByTypeAndStatus(userId: string): Promise<GoalCountRow[]> {
    const rows: { type: GoalType; status: GoalStatus; count: string; days: string | null }[] =
      await this.goals.query(
        `SELECT type, status, count(*) AS count,
                sum(extract(epoch FROM achieved_at - created_at) / 86400)
                  FILTER (WHERE status = 'achieved' AND achieved_at IS NOT NULL) AS days
           FROM goals
          WHERE user_id = $1 AND deleted_at IS NULL
          GROUP BY type, status`,
        [userId],
      );
    return rows.map((row) => ({
      type: row.type,
      status: row.status,
      count: Number(row.count),
      daysToAchieve: Number(row.days ?? 0),
    }));
  }
  /**
   * Per range (in the order given, days in `timeZone`): the user's goals achieved on its days,
   * and those active at its end (created by then, not achieved by then, not abandoned, not
   * deleted), over IDX_goals_user_created.
   */
  countsByRange(
    userId: string,
    timeZone: string,
    ranges: readonly LocalDayRange[],
  ): Promise<RangeGoalCountsRow[]> {
    const end = endOfLocalDaySql('r.last_day', '$2');
    return preparedQuery(
      this.goals,
      `SELECT count(g.id) FILTER (
                WHERE ${withinLocalDaysSql('g.achieved_at', '$2', 'r.first_day', 'r.last_day')}
              )::int AS achieved,
              count(g.id) FILTER (
                WHERE g.created_at < ${end} AND g.status <> 'abandoned'
                  AND (g.achieved_at IS NULL OR g.achieved_at >= ${end})
              )::int AS active
         FROM ${localDayRangesSql('$3', '$4', 'r')}
         LEFT JOIN goals g ON g.user_id = $1 AND g.deleted_at IS NULL
        GROUP BY r.i
        ORDER BY r.i`,
      [userId, timeZone, ...localDayRangeParams(ranges)],
    );
  }
}
