import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { fromKilograms, WeightUnit } from '../../../common/units/weight-unit';
import { ExercisesService } from '../../exercises/exercises.service';
import { ExerciseLevel } from '../../training/exercise-attributes.vocabulary';
import { Sex } from '../../users/user.vocabulary';
import { UsersService } from '../../users/users.service';
import { BenchmarkRepository, CohortCounts } from './benchmark.repository';
import { ageBand, Band, birthYearsOf, bodyWeightBand, midRankPercentile, sizeBand } from './cohort';
import {
  BenchmarkDto,
  BenchmarkFigureDto,
  BenchmarkQueryDto,
  BenchmarkWithheldReason,
  BenchmarkCohortDto,
} from './dto/benchmark.dto';

type Missing = BenchmarkWithheldReason.NoBodyWeight | BenchmarkWithheldReason.NoLiftInWindow;

type Figure = 'weekly_volume' | 'sessions_per_week' | 'relative_strength';

const FIGURE_WORDS: Record<Figure, string> = {
  weekly_volume: 'weekly volume',
  sessions_per_week: 'sessions per week',
  relative_strength: 'relative strength',
};

/**
 * Benchmark against similar users (docs/insights.md, "Benchmark"): the user's percentile in
 * a cohort drawn from their training level, body-weight band, sex and age band (each where
 * the user gave it), among users who share their results, with a floor of k members below
 * which no figure is shown. Nothing of another user leaves the database but counts.
 */
@Injectable()
export class AnalyticsBenchmarkService {
  constructor(
    private readonly repository: BenchmarkRepository,
    private readonly users: UsersService,
    private readonly exercises: ExercisesService,
    private readonly config: AppConfig,
  ) {}

  async benchmark(userId: string, query: BenchmarkQueryDto): Promise<BenchmarkDto> {
    const exercise = query.exerciseId
      ? await this.exercises.findVisible(userId, query.exerciseId)
      : null;
    const preferences = await this.users.preferencesOf(userId);
    const bodyWeightKg = await this.repository.latestBodyWeightKg(userId);
    const year = new Date().getUTCFullYear();
    const age = preferences.birthYear === null ? null : ageBand(preferences.birthYear, year);
    const weightBand = bodyWeightKg === null ? null : bodyWeightBand(bodyWeightKg);
    const counts = await this.repository.cohortCounts({
      userId,
      trainingLevel: preferences.trainingLevel,
      sex: preferences.sex,
      birthYears: age === null ? null : birthYearsOf(age, year),
      bodyWeightKg: weightBand,
      exerciseId: exercise?.id ?? null,
      weeks: query.weeks,
    });
    const k = this.config.benchmark.minCohort;
    const unit = preferences.weightUnit;
    const cohort = describeCohort(preferences, age, weightBand, unit, query.weeks);
    const round2 = (value: number) => Math.round(value * 100) / 100;

    const figure = (
      name: Figure,
      you: number | null,
      size: number,
      below: number,
      equal: number,
      missing: Missing | null,
    ): BenchmarkFigureDto => {
      const words = FIGURE_WORDS[name];
      if (missing !== null) {
        return {
          figure: name,
          you,
          shown: false,
          percentile: null,
          cohortSize: null,
          reason: missing,
          statement:
            missing === BenchmarkWithheldReason.NoBodyWeight
              ? `No ${words} without a body-weight reading.`
              : `No ${words}: no working set of ${exercise?.name ?? 'the exercise'} in the last ${query.weeks} weeks.`,
        };
      }
      if (size < k) {
        return {
          figure: name,
          you,
          shown: false,
          percentile: null,
          cohortSize: null,
          reason: BenchmarkWithheldReason.CohortTooSmall,
          statement:
            `Fewer than ${k} similar users have a ${words} to compare with, so no figure is ` +
            'shown (a smaller group could identify its members).',
        };
      }
      const percentile = midRankPercentile(below, equal, size);
      return {
        figure: name,
        you,
        shown: true,
        percentile,
        cohortSize: sizeBand(size),
        reason: null,
        statement:
          `Your ${words} is higher than that of ${percentile}% of similar users ` +
          `(ties counted half; a cohort of ${sizeBand(size)}).`,
      };
    };

    const figures = [
      figure(
        'weekly_volume',
        fromKilograms(counts.myVolumeKg / query.weeks, unit),
        counts.size,
        counts.volumeBelow,
        counts.volumeEqual,
        null,
      ),
      figure(
        'sessions_per_week',
        round2(counts.mySessions / query.weeks),
        counts.size,
        counts.sessionsBelow,
        counts.sessionsEqual,
        null,
      ),
    ];
    if (exercise) figures.push(strengthFigure(counts, figure));
    return { weeks: query.weeks, minCohort: k, cohort, figures };
  }
}

function strengthFigure(
  counts: CohortCounts,
  figure: (
    name: Figure,
    you: number | null,
    size: number,
    below: number,
    equal: number,
    missing: Missing | null,
  ) => BenchmarkFigureDto,
): BenchmarkFigureDto {
  const you = counts.myRatio === null ? null : Math.round(counts.myRatio * 100) / 100;
  const missing =
    counts.myBodyWeightKg === null
      ? BenchmarkWithheldReason.NoBodyWeight
      : counts.myBestE1rmKg === null
        ? BenchmarkWithheldReason.NoLiftInWindow
        : null;
  return figure(
    'relative_strength',
    you,
    counts.strengthSize,
    counts.strengthBelow,
    counts.strengthEqual,
    missing,
  );
}

function describeCohort(
  preferences: { trainingLevel: ExerciseLevel | null; sex: Sex | null },
  age: Band | null,
  weightBand: Band | null,
  unit: WeightUnit,
  weeks: number,
): BenchmarkCohortDto {
  const bodyWeightBand =
    weightBand === null
      ? null
      : { min: fromKilograms(weightBand.min, unit), max: fromKilograms(weightBand.max, unit) };
  const level = preferences.trainingLevel;
  const parts = [
    level === null ? 'Users of any training level' : `${capitalise(level)} users`,
    preferences.sex === null ? null : preferences.sex,
    age === null ? null : `aged ${age.min}–${age.max}`,
    bodyWeightBand === null
      ? null
      : `with a latest body weight of ${bodyWeightBand.min}–${bodyWeightBand.max} ${unit}`,
  ].filter((part): part is string => part !== null);
  return {
    trainingLevel: level,
    sex: preferences.sex,
    ageBand: age,
    bodyWeightBand,
    unit,
    description:
      `${parts.join(', ')}, with a completed workout in the last ${weeks} weeks, who share ` +
      'their results (not opted out of leaderboards, activities not private)',
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
