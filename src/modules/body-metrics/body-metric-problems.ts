import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

const count = (example: number, description: string) =>
  ({ type: 'integer', minimum: 0, example, required: true, description }) as const;

/** The problems of body readings and their trends (docs/body-metrics.md). */
export const BodyMetricProblems = {
  exists: new ProblemType<{ existingId?: string }>({
    slug: 'body-metric-exists',
    status: HttpStatus.CONFLICT,
    title: 'A reading at this instant exists',
    description: 'Another reading of the caller has the same `measuredAt`',
    exampleDetail:
      'You already have a body metric measured at 2026-11-20T07:30:00.000Z; change that one (PUT /progress/body/{existingId}) or use another instant.',
    members: {
      existingId: {
        type: 'string',
        format: 'uuid',
        required: false,
        description: 'The reading at that instant (absent if it was deleted meanwhile)',
      },
    },
  }),
  notEnoughData: new ProblemType<{
    requiredPoints: number;
    requiredSpanDays: number;
    points: number;
    spanDays: number;
  }>({
    slug: 'not-enough-data',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Not enough data for a prediction',
    description: 'Too few days with readings, or too short a span, for a trend',
    exampleDetail:
      'A weight trend needs readings on at least 5 different days, the first and last at least 14 days apart, between 2026-08-23 and 2026-11-20; there are 3 day(s) spanning 6 day(s).',
    members: {
      requiredPoints: count(5, 'Days with a reading a prediction needs'),
      requiredSpanDays: count(14, 'Days a prediction needs between the first and last reading'),
      points: count(3, 'Days with a reading in the period'),
      spanDays: count(6, 'Days between the first and last reading of the period'),
    },
  }),
} as const;
