import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { KeysetPosition } from '../../../common/pagination/cursor';
import { KEYSET_NOW_SQL, newestFirstPage } from '../../../common/pagination/keyset';
import { workingSetSql } from '../../training/working-sets.vocabulary';
import { Recommendation } from './entities/recommendation.entity';
import { KindPreference, PRIOR } from './kind-preference';
import {
  RecommendationFeedback,
  RecommendationKind,
  RecommendationState,
} from './recommendation-kinds';
import {
  BASELINE_DAYS,
  Candidate,
  RecommendationInputs,
  WINDOW_DAYS,
} from './recommendation-rules';

export interface ScoredCandidate extends Candidate {
  score: number;
}

/**
 * Recommendations' storage and the aggregates they are computed from. The workouts tables
 * are read in SQL as the goals module reads them (docs/goals.md): sets per exercise and session
 * counts, each an index range (IDX_workouts_user_status_session, IDX_workout_sets_workout).
 */
@Injectable()
export class RecommendationsRepository {
  constructor(
    @InjectRepository(Recommendation) private readonly rows: Repository<Recommendation>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Working sets per exercise over the WINDOW_DAYS days up to `asOf`. */
  async setsByExercise(
    userId: string,
    asOf: Date,
  ): Promise<RecommendationInputs['setsByExercise']> {
    const rows: { exercise_id: string; sets: number }[] = await this.db.query(
      `SELECT s.exercise_id, count(*)::int AS sets
         FROM workouts w
         JOIN workout_sets s ON s.workout_id = w.id AND ${workingSetSql('s')}
        WHERE w.user_id = $1 AND w.status = 'completed'
          AND w.session_at > $2::timestamptz - make_interval(days => $3) AND w.session_at <= $2
        GROUP BY s.exercise_id`,
      [userId, asOf, WINDOW_DAYS],
    );
    return rows.map((r) => ({ exerciseId: r.exercise_id, sets: r.sets }));
  }

  /** Session counts of the windows and the last session up to `asOf`. */
  async sessionStats(userId: string, asOf: Date): Promise<RecommendationInputs['sessions']> {
    const [counts]: { last28: number; template28: number; last56: number }[] = await this.db.query(
      `SELECT (count(*) FILTER (WHERE session_at > $2::timestamptz - make_interval(days => $3)))::int AS last28,
                (count(*) FILTER (WHERE template_id IS NOT NULL
                                    AND session_at > $2::timestamptz - make_interval(days => $3)))::int AS template28,
                count(*)::int AS last56
           FROM workouts
          WHERE user_id = $1 AND status = 'completed'
            AND session_at > $2::timestamptz - make_interval(days => $4) AND session_at <= $2`,
      [userId, asOf, WINDOW_DAYS, BASELINE_DAYS],
    );
    const [last]: { at: Date | null }[] = await this.db.query(
      `SELECT max(session_at) AS at FROM workouts
        WHERE user_id = $1 AND status = 'completed' AND session_at <= $2`,
      [userId, asOf],
    );
    return {
      last28: counts.last28,
      fromTemplate28: counts.template28,
      last56: counts.last56,
      lastSessionAt: last.at ? new Date(last.at) : null,
    };
  }

  /** The user's preference per kind (the prior for kinds never answered). */
  async preferences(userId: string): Promise<Map<RecommendationKind, KindPreference>> {
    const rows: { kind: RecommendationKind; alpha: number; beta: number }[] = await this.db.query(
      `SELECT kind, alpha, beta FROM recommendation_preferences WHERE user_id = $1`,
      [userId],
    );
    const map = new Map<RecommendationKind, KindPreference>();
    for (const kind of Object.values(RecommendationKind)) map.set(kind, { ...PRIOR });
    for (const r of rows) map.set(r.kind, { alpha: r.alpha, beta: r.beta });
    return map;
  }

  /** Kind + subject keys cooled down at `asOf` (primary key range on the user). */
  async coolingDown(userId: string, asOf: Date): Promise<Set<string>> {
    const rows: { kind: string; subject: string }[] = await this.db.query(
      `SELECT kind, subject FROM recommendation_cooldowns WHERE user_id = $1 AND until > $2`,
      [userId, asOf],
    );
    return new Set(rows.map((r) => `${r.kind}:${r.subject}`));
  }

  /**
   * Makes the active set exactly `candidates` in one transaction: an active row of the same kind
   * and subject is refreshed in place (its id and feedback kept), a new one inserted, and an
   * active row no longer produced is resolved. Idempotent: the same candidates twice change
   * nothing but `computed_at`.
   */
  async replaceActive(
    userId: string,
    candidates: ScoredCandidate[],
    asOf: Date,
  ): Promise<{ inserted: number; refreshed: number; resolved: number }> {
    return this.db.transaction(async (tx) => {
      // One recompute of a user at a time: a second waits, then sees the first's rows.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [
        `recommendations:${userId}`,
      ]);
      const active: { id: string; kind: string; subject: string }[] = await tx.query(
        `SELECT id, kind, subject FROM recommendations WHERE user_id = $1 AND state = 'active'`,
        [userId],
      );
      const byKey = new Map(active.map((r) => [`${r.kind}:${r.subject}`, r.id]));
      let inserted = 0;
      let refreshed = 0;
      for (const c of candidates) {
        const key = `${c.kind}:${c.subject}`;
        const id = byKey.get(key);
        if (id) {
          byKey.delete(key);
          await tx.query(
            `UPDATE recommendations
                SET title = $2, message = $3, score = $4, priority = $5, features = $6,
                    sources = $7, computed_at = $8, updated_at = now()
              WHERE id = $1`,
            [
              id,
              c.title,
              c.message,
              c.score,
              c.priority,
              c.features,
              JSON.stringify(c.sources),
              asOf,
            ],
          );
          refreshed += 1;
        } else {
          await this.insert(tx, userId, c, asOf);
          inserted += 1;
        }
      }
      const stale = [...byKey.values()];
      if (stale.length) {
        await tx.query(
          `UPDATE recommendations SET state = $2, closed_at = $3, updated_at = now()
            WHERE id = ANY($1) AND state = 'active'`,
          [stale, RecommendationState.Resolved, asOf],
        );
      }
      return { inserted, refreshed, resolved: stale.length };
    });
  }

  private async insert(tx: EntityManager, userId: string, c: ScoredCandidate, asOf: Date) {
    await tx.query(
      `INSERT INTO recommendations
         (user_id, kind, subject, state, title, message, score, priority, features, sources, computed_at, created_at)
       VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $9, $10, ${KEYSET_NOW_SQL})`,
      [
        userId,
        c.kind,
        c.subject,
        c.title,
        c.message,
        c.score,
        c.priority,
        c.features,
        JSON.stringify(c.sources),
        asOf,
      ],
    );
  }

  /** The current list, best first (IDX_recommendations_user_active_score). */
  findActivePage(
    userId: string,
    offset: number,
    limit: number,
  ): Promise<[Recommendation[], number]> {
    return this.rows
      .createQueryBuilder('r')
      .where('r.userId = :userId AND r.state = :state', {
        userId,
        state: RecommendationState.Active,
      })
      .orderBy('r.score', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  /** Every recommendation of the user, newest first (IDX_recommendations_user_created). */
  findHistoryPage(
    userId: string,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<Recommendation[]> {
    const query = this.rows.createQueryBuilder('r').where('r.userId = :userId', { userId });
    return newestFirstPage(query, 'createdAt', before, limit).getMany();
  }

  /** Primary key, then owner compared: anyone else's is not found. */
  findOwned(userId: string, id: string): Promise<Recommendation | null> {
    return this.rows.findOneBy({ id, userId });
  }

  /**
   * Records feedback in one transaction: the row's feedback (and state: dismissed or done leave
   * the current list), the kind's preference updated from its stored value (row-locked, so
   * concurrent answers each count), and the cool-down of the kind + subject.
   */
  async recordFeedback(input: {
    recommendation: Recommendation;
    feedback: RecommendationFeedback;
    reason: string | null;
    at: Date;
    state: RecommendationState;
    update: (prior: KindPreference) => KindPreference;
    coolDownUntil: Date | null;
  }): Promise<{ recommendation: Recommendation; preference: KindPreference }> {
    const { recommendation: r } = input;
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO recommendation_preferences (user_id, kind, alpha, beta)
         VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, kind) DO NOTHING`,
        [r.userId, r.kind, PRIOR.alpha, PRIOR.beta],
      );
      const [prior]: KindPreference[] = await tx.query(
        `SELECT alpha, beta FROM recommendation_preferences
          WHERE user_id = $1 AND kind = $2 FOR UPDATE`,
        [r.userId, r.kind],
      );
      const next = input.update(prior);
      await tx.query(
        `UPDATE recommendation_preferences SET alpha = $3, beta = $4, updated_at = now()
          WHERE user_id = $1 AND kind = $2`,
        [r.userId, r.kind, next.alpha, next.beta],
      );
      if (input.coolDownUntil) {
        await tx.query(
          `INSERT INTO recommendation_cooldowns (user_id, kind, subject, until) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, kind, subject) DO UPDATE SET until = greatest(recommendation_cooldowns.until, EXCLUDED.until)`,
          [r.userId, r.kind, r.subject, input.coolDownUntil],
        );
      }
      const closes =
        input.state !== RecommendationState.Active && r.state === RecommendationState.Active;
      await tx.update(Recommendation, r.id, {
        feedback: input.feedback,
        feedbackReason: input.reason,
        feedbackAt: input.at,
        ...(closes ? { state: input.state, closedAt: input.at } : {}),
      });
      const updated = await tx.findOneByOrFail(Recommendation, { id: r.id });
      return { recommendation: updated, preference: next };
    });
  }

  /**
   * After an event: the user's recommendations are due within `debounceSeconds` (an earlier due
   * time is kept, so a burst of events makes one computation).
   */
  async markDue(userId: string, debounceSeconds: number): Promise<void> {
    await this.db.query(
      `INSERT INTO recommendation_schedules (user_id, due_at)
       VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (user_id) DO UPDATE
         SET due_at = least(recommendation_schedules.due_at, EXCLUDED.due_at)`,
      [userId, debounceSeconds],
    );
  }

  /**
   * In the caller's transaction: claims up to `limit` due users (IDX_recommendation_schedules_due,
   * FOR UPDATE SKIP LOCKED) and moves them a day ahead (the daily refresh); answers who and
   * the due time that names their job.
   */
  async claimDue(tx: EntityManager, limit: number): Promise<{ userId: string; dueAt: Date }[]> {
    const [rows] = (await tx.query(
      `UPDATE recommendation_schedules r SET due_at = now() + interval '1 day'
         FROM (SELECT user_id, due_at FROM recommendation_schedules
                WHERE due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE r.user_id = due.user_id
        RETURNING r.user_id AS "userId", due.due_at AS "dueAt"`,
      [limit],
    )) as [{ userId: string; dueAt: Date }[], number];
    return rows;
  }

  async markComputed(userId: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE recommendation_schedules SET computed_at = $2 WHERE user_id = $1`, [
      userId,
      at,
    ]);
  }

  inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
