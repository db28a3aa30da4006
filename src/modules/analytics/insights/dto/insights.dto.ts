import { ApiProperty } from '@nestjs/swagger';
import { WeightUnit } from '../../../../common/units/weight-unit';

export class InsightsMethodDto {
  @ApiProperty({
    example: 24,
    type: 'integer',
    description:
      'Pairs (exposure, outcome, lag) tested in the period; every one counts in the correction',
  })
  tested: number;
  @ApiProperty({
    example: 9999,
    type: 'integer',
    description: 'Permutations per test at most (a test stops after 50 at least as extreme)',
  })
  permutations: number;
  @ApiProperty({
    example: 20261202,
    type: 'integer',
    description: 'Seed of every permutation test',
  })
  seed: number;
  @ApiProperty({
    example: 0.01,
    description: 'False-discovery rate of the Benjamini–Hochberg procedure across the tested pairs',
  })
  fdr: number;
  @ApiProperty({ example: 5, type: 'integer', description: 'Fewest days in each group of a test' })
  minGroupDays: number;
  @ApiProperty({
    example: -3.5,
    description: 'Robust (modified) z-score at or below which a day is an anomaly',
  })
  anomalyThreshold: number;
}

export class EvidenceDayDto {
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-11-02',
    description: 'Exposure day',
  })
  date: string;
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-11-03',
    description: 'Day the outcome was measured (date + lag)',
  })
  outcomeDate: string;
  @ApiProperty({
    example: 7.5,
    description: 'The outcome that day: mean mood or energy (1–10), or performance in %',
  })
  value: number;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    isArray: true,
    description: 'Journal entries of both days',
  })
  entryIds: string[];
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    isArray: true,
    description: 'Completed workouts of both days',
  })
  workoutIds: string[];
}

export class InsightDto {
  @ApiProperty({ example: 'training→mood+1', description: 'The tested pair and its lag' })
  key: string;
  @ApiProperty({ enum: ['training', 'training_volume', 'tag', 'entry_type', 'sleep_tag'] })
  exposure: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: null,
    description: 'The tag or entry type of the exposure',
  })
  subject: string | null;
  @ApiProperty({ enum: ['mood', 'energy', 'performance'] })
  outcome: string;
  @ApiProperty({ example: 1, type: 'integer', description: 'Days from exposure to outcome' })
  lagDays: number;
  @ApiProperty({
    example:
      "On the day after you trained, your mood averaged 7.1 vs 5.6 otherwise (+1.5 points, Cohen's d = 1.2; 38 vs 51 days; p = 0.0005, q = 0.006 after Benjamini–Hochberg).",
  })
  statement: string;
  @ApiProperty({ enum: ['difference_of_means', 'spearman'] })
  method: string;
  @ApiProperty({ example: 1.5, description: 'Exposed − other mean, or Spearman ρ' })
  effect: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 1.2,
    description: "Cohen's d (difference of means only)",
  })
  standardizedEffect: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 7.1 })
  exposedMean: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 5.6 })
  otherMean: number | null;
  @ApiProperty({ example: 89, type: 'integer', description: 'Days (pairs) in the test' })
  sampleSize: number;
  @ApiProperty({ example: 38, type: 'integer' })
  exposedDays: number;
  @ApiProperty({ example: 51, type: 'integer' })
  otherDays: number;
  @ApiProperty({ example: 0.0005, description: 'Two-sided permutation p-value' })
  pValue: number;
  @ApiProperty({ example: 0.006, description: 'Benjamini–Hochberg adjusted p-value' })
  qValue: number;
  @ApiProperty({
    type: [EvidenceDayDto],
    description: 'The exposed days behind the insight (first 60; see evidenceTotal)',
  })
  evidence: EvidenceDayDto[];
  @ApiProperty({ example: 38, type: 'integer' })
  evidenceTotal: number;
}

export class AnomalyDto {
  @ApiProperty({ enum: ['low_session_volume', 'mood_dip'] })
  kind: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-11-12' })
  date: string;
  @ApiProperty({
    example:
      'Your training volume on 2026-11-12 (1200 kg) was far below your usual 5400 kg over your previous 20 training days (robust z = -4.1, threshold -3.5).',
  })
  statement: string;
  @ApiProperty({ example: 1200, description: 'The day: volume in your unit, or mean mood' })
  value: number;
  @ApiProperty({ example: 5400 })
  baselineMedian: number;
  @ApiProperty({ example: 600, description: 'Median absolute deviation of the baseline' })
  baselineMad: number;
  @ApiProperty({ example: 20, type: 'integer' })
  baselineDays: number;
  @ApiProperty({ example: -4.1 })
  robustZ: number;
  @ApiProperty({ example: -3.5 })
  threshold: number;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  entryIds: string[];
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  workoutIds: string[];
}

export class InsightsDto {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-09-01' })
  from: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-11-29' })
  to: string;
  @ApiProperty({ example: 'Europe/Paris' })
  timeZone: string;
  @ApiProperty({ enum: WeightUnit, enumName: 'WeightUnit', description: 'Unit of volumes' })
  unit: WeightUnit;
  @ApiProperty({ type: InsightsMethodDto })
  method: InsightsMethodDto;
  @ApiProperty({
    type: [InsightDto],
    description: 'Only the pairs that pass Benjamini–Hochberg at the stated rate, strongest first',
  })
  insights: InsightDto[];
  @ApiProperty({ type: [AnomalyDto] })
  anomalies: AnomalyDto[];
}
