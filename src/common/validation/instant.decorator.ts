import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, MaxDate, MinDate } from 'class-validator';
import { toDate } from './transforms';

/** Earliest instant FitAI accepts for things that happened. */
export const EARLIEST_INSTANT = new Date('2000-01-01T00:00:00Z');
/** How far ahead "now" may be on a client (time zones, clock skew). */
export const FUTURE_SLACK_MS = 24 * 3_600_000;

/**
 * An ISO 8601 date-time of something that happened: not before 2000, at most a day in the
 * future (so a typo such as 2099 is a field-level 400).
 */
export function PastInstant(): PropertyDecorator {
  return applyDecorators(
    Transform(toDate),
    IsDate({ message: '$property must be an ISO 8601 date-time' }),
    MinDate(EARLIEST_INSTANT, { message: '$property must not be before 2000-01-01' }),
    MaxDate(() => new Date(Date.now() + FUTURE_SLACK_MS), {
      message: '$property must not be more than a day in the future',
    }),
  );
}
