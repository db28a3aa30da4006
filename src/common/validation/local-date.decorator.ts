import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as `YYYY-MM-DD` (no time, no zone): a day on the user's own calendar. */
export function IsLocalDate(): PropertyDecorator {
  return applyDecorators(
    Matches(LOCAL_DATE, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a valid calendar date' }),
  );
}
