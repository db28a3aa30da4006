import { ApiProperty } from '@nestjs/swagger';
import { MeasurementSeriesDto } from './body-analytics.dto';

const LOCAL_DAY = { type: 'string', format: 'date' } as const;

export class PredictionIntervalDto {
  @ApiProperty({ type: 'number', example: 0.95 }) confidence: number;
  @ApiProperty({ type: 'number', example: 77.9 }) lower: number;
  @ApiProperty({ type: 'number', example: 80.3 }) upper: number;
}

export class BodyPredictionDto extends MeasurementSeriesDto {
  @ApiProperty({
    ...LOCAL_DAY,
    example: '2026-08-23',
    description: 'First day of the history fitted',
  })
  from: string;
  @ApiProperty({
    ...LOCAL_DAY,
    example: '2026-11-20',
    description: 'Last day of the history fitted',
  })
  to: string;
  @ApiProperty({
    type: 'integer',
    minimum: 2,
    example: 61,
    description: 'Days with a reading: the points fitted',
  })
  points: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 88,
    description: 'Days from the first to the last reading',
  })
  spanDays: number;
  @ApiProperty({
    type: 'number',
    example: -0.35,
    description: 'Slope of the fitted line, per 7 days',
  })
  slopePerWeek: number;
  @ApiProperty({
    type: 'number',
    example: 0.82,
    description: 'Share of the variance the line explains (0–1)',
  })
  r2: number;
  @ApiProperty({
    type: 'number',
    example: 0.41,
    description: 'Typical distance of a daily value from the line: √(SSE / (n − 2))',
  })
  residualStandardError: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 30 }) horizonDays: number;
  @ApiProperty({ ...LOCAL_DAY, example: '2026-12-20', description: 'The day projected to' })
  targetDate: string;
  @ApiProperty({ type: 'number', example: 79.1, description: 'The fitted line at targetDate' })
  projected: number;
  @ApiProperty({
    type: PredictionIntervalDto,
    description:
      'Where a daily value on targetDate is expected to fall, if the trend holds (Student t, n − 2 df)',
  })
  interval: PredictionIntervalDto;
}
