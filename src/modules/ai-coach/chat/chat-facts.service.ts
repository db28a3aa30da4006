import { Injectable } from '@nestjs/common';
import { addDays } from '../../../common/time/local-date';
import { AnalyticsInsightsService } from '../../analytics/insights/insights.service';
import { BodyTrendsService } from '../../body-metrics/body-trends.service';
import { BodyAnalyticsQueryDto } from '../../body-metrics/dto/body-trend-query.dto';
import { ListGoalsQueryDto } from '../../goals/dto/list-goals-query.dto';
import { GoalsService } from '../../goals/goals.service';
import {
  ProgressPeriodQueryDto,
  SeriesResolution,
  StrengthSeriesQueryDto,
  TrainingAnalyticsQueryDto,
} from '../../progress/dto/progress-query.dto';
import { ProgressService } from '../../progress/progress.service';
import { ListWorkoutsQueryDto } from '../../workouts/dto/list-workouts-query.dto';
import { WorkoutsService } from '../../workouts/workouts.service';
import { ChatIntent, matchExercise } from './chat-intents';
import type { ChatFacts, TrainedExercise } from './chat-facts';

/** The longest history a lift answer covers: three years, the progress routes' maximum. */
const LIFT_WEEKS = 156;
/** Weeks compared for mood on training days vs rest days. */
const MOOD_WEEKS = 8;
/** The muscle groups "what to train today" chooses among (the large ones). */
const MAJOR_MUSCLES = [
  'chest',
  'lats',
  'middle back',
  'shoulders',
  'quadriceps',
  'hamstrings',
  'glutes',
  'biceps',
  'triceps',
  'abdominals',
];

const period = <T extends ProgressPeriodQueryDto>(dto: T, fields: Partial<T>): T =>
  Object.assign(dto, fields);

/**
 * Looks the figures of one intent up through the other modules' services (progress, workouts,
 * analytics insights, goals, body metrics): the same numbers their routes answer, in the user's units and
 * time zone. Every figure an answer may quote is in the facts this returns (docs/ai-chat.md).
 */
@Injectable()
export class ChatFactsService {
  constructor(
    private readonly progress: ProgressService,
    private readonly workouts: WorkoutsService,
    private readonly goals: GoalsService,
    private readonly body: BodyTrendsService,
    private readonly insights: AnalyticsInsightsService,
  ) {}

  /** The exercises the user trained in the last three years (for naming a lift). */
  async trainedExercises(userId: string): Promise<TrainedExercise[]> {
    const summary = await this.progress.strength(
      userId,
      period(new ProgressPeriodQueryDto(), { weeks: LIFT_WEEKS }),
    );
    return summary.exercises.map(({ exerciseId, name, sessions }) => ({
      exerciseId,
      name,
      sessions,
    }));
  }

  /** The facts of `intent`; `trained` is read only by the intents that need it (lift). */
  async gather(
    userId: string,
    intent: ChatIntent,
    message: string,
    trained: () => Promise<TrainedExercise[]>,
  ): Promise<ChatFacts> {
    switch (intent) {
      case ChatIntent.LiftProgress:
        return this.lift(userId, message, await trained());
      case ChatIntent.WeeklyVolume:
        return this.weeklyVolume(userId);
      case ChatIntent.Streaks:
        return this.streaks(userId);
      case ChatIntent.TrainToday:
        return this.trainToday(userId);
      case ChatIntent.MoodTraining:
        return this.moodTraining(userId);
      case ChatIntent.Goals:
        return this.activeGoals(userId);
      case ChatIntent.BodyWeight:
        return this.bodyWeight(userId);
      default:
        return { intent, data: null };
    }
  }

  private async lift(
    userId: string,
    message: string,
    trained: TrainedExercise[],
  ): Promise<ChatFacts> {
    const exercise = matchExercise(message, trained);
    if (!exercise) {
      return {
        intent: ChatIntent.LiftProgress,
        data: null,
        trained: trained
          .slice()
          .sort((a, b) => b.sessions - a.sessions)
          .slice(0, 5)
          .map((e) => e.name),
      };
    }
    const series = await this.progress.strengthSeries(
      userId,
      exercise.exerciseId,
      // Every session: the facts count them.
      period(new StrengthSeriesQueryDto(), {
        weeks: LIFT_WEEKS,
        resolution: SeriesResolution.Session,
      }),
    );
    const first = series.series[0] ?? null;
    const latest = series.series[series.series.length - 1] ?? null;
    return {
      intent: ChatIntent.LiftProgress,
      data: {
        exercise: series.name,
        unit: series.unit,
        from: series.from,
        to: series.to,
        sessions: series.series.length,
        bestE1rm: series.best?.e1rm ?? null,
        bestDate: series.best?.date ?? null,
        bestSetWeight: series.best?.bestSet.weight ?? null,
        bestSetReps: series.best?.bestSet.reps ?? null,
        firstE1rm: first?.e1rm ?? null,
        firstDate: first?.date ?? null,
        latestE1rm: latest?.e1rm ?? null,
        latestDate: latest?.date ?? null,
      },
    };
  }

  private async weeklyVolume(userId: string): Promise<ChatFacts> {
    const thisWeek = await this.progress.volume(
      userId,
      period(new ProgressPeriodQueryDto(), { weeks: 1 }),
    );
    const lastSunday = addDays(thisWeek.from, -1);
    const lastWeek = await this.progress.volume(
      userId,
      period(new ProgressPeriodQueryDto(), { weeks: 1, endDate: lastSunday }),
    );
    const week = lastWeek.weeks[0];
    return {
      intent: ChatIntent.WeeklyVolume,
      data: {
        unit: lastWeek.unit,
        lastWeekFrom: lastWeek.from,
        lastWeekTo: lastWeek.to,
        lastWeekVolume: lastWeek.totalVolume,
        lastWeekWorkouts: week?.workouts ?? 0,
        lastWeekSets: week?.sets ?? 0,
        topMuscles: [...lastWeek.muscles]
          .sort((a, b) => b.sets - a.sets)
          .slice(0, 3)
          .map((m) => ({ muscle: m.muscle, sets: m.sets })),
        thisWeekSoFarVolume: thisWeek.totalVolume,
      },
    };
  }

  private async streaks(userId: string): Promise<ChatFacts> {
    const analytics = await this.progress.analytics(
      userId,
      period(new TrainingAnalyticsQueryDto(), { weeks: 52 }),
    );
    return {
      intent: ChatIntent.Streaks,
      data: {
        weeks: analytics.weeks,
        workouts: analytics.workouts,
        currentWeekStreak: analytics.streaks.weeks.current,
        longestWeekStreak: analytics.streaks.weeks.longest,
        currentDayStreak: analytics.streaks.days.current,
        longestDayStreak: analytics.streaks.days.longest,
        workoutsPerWeek: analytics.frequency,
      },
    };
  }

  private async trainToday(userId: string): Promise<ChatFacts> {
    const [volume, lastWorkouts] = await Promise.all([
      this.progress.volume(userId, period(new ProgressPeriodQueryDto(), { weeks: 2 })),
      this.workouts.list(userId, {
        status: 'completed',
        limit: 1,
      } as unknown as ListWorkoutsQueryDto),
    ]);
    const setsOf = new Map(volume.muscles.map((m) => [m.muscle as string, m.sets]));
    const ranked = MAJOR_MUSCLES.map((muscle) => ({ muscle, sets: setsOf.get(muscle) ?? 0 })).sort(
      (a, b) =>
        a.sets - b.sets || MAJOR_MUSCLES.indexOf(a.muscle) - MAJOR_MUSCLES.indexOf(b.muscle),
    );
    const last = lastWorkouts.items[0];
    return {
      intent: ChatIntent.TrainToday,
      data: {
        from: volume.from,
        to: volume.to,
        leastTrained: ranked.slice(0, 3),
        mostTrained: ranked.slice(-2).reverse(),
        lastWorkoutName: last?.name ?? null,
        lastWorkoutDate: last ? (last.completedAt ?? last.sessionAt).slice(0, 10) : null,
      },
    };
  }

  private async moodTraining(userId: string): Promise<ChatFacts> {
    // Per-day series aggregated in SQL, whatever the number of entries and sessions.
    const days = await this.insights.moodAndTrainingDays(userId, { lastDays: MOOD_WEEKS * 7 });
    const trainingDays = new Set(days.training.map((d) => d.day));
    const mean = (values: number[]) =>
      values.length
        ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10
        : null;
    const training: number[] = [];
    const rest: number[] = [];
    for (const { day, mood } of days.journal) {
      if (mood !== null) (trainingDays.has(day) ? training : rest).push(mood);
    }
    const onTraining = mean(training);
    const onRest = mean(rest);
    return {
      intent: ChatIntent.MoodTraining,
      data: {
        weeks: MOOD_WEEKS,
        trainingDaysWithMood: training.length,
        restDaysWithMood: rest.length,
        averageMoodTrainingDays: onTraining,
        averageMoodRestDays: onRest,
        difference:
          onTraining !== null && onRest !== null
            ? Math.round((onTraining - onRest) * 10) / 10
            : null,
      },
    };
  }

  private async activeGoals(userId: string): Promise<ChatFacts> {
    const page = await this.goals.list(userId, {
      status: 'active',
      limit: 5,
    } as unknown as ListGoalsQueryDto);
    return {
      intent: ChatIntent.Goals,
      data: {
        goals: page.items.map((goal) => ({
          title: goal.title,
          unit: goal.unit,
          target: goal.target,
          current: goal.current,
          progress: goal.progress,
          deadline: goal.deadline,
        })),
      },
    };
  }

  private async bodyWeight(userId: string): Promise<ChatFacts> {
    const analytics = await this.body.analytics(
      userId,
      Object.assign(new BodyAnalyticsQueryDto(), { days: 90 }),
    );
    const latest = analytics.series[analytics.series.length - 1] ?? null;
    return {
      intent: ChatIntent.BodyWeight,
      data: {
        unit: analytics.unit,
        from: analytics.from,
        to: analytics.to,
        readings: analytics.points,
        latest: latest?.value ?? null,
        latestDate: latest?.date ?? null,
        change: analytics.change,
        ratePerWeek: analytics.ratePerWeek,
      },
    };
  }
}
