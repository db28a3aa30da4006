import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

type Siblings = Record<string, unknown>;

/** Not below the sibling number `property` (not checked while either is not a number). */
export function NotLessThan(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notLessThan',
      constraints: [property],
      validator: {
        validate: (value, args) => {
          const other = (args?.object as Siblings)[property];
          return typeof value !== 'number' || typeof other !== 'number' || value >= other;
        },
        defaultMessage: buildMessage(
          (each) => `${each}$property must not be less than ${property}`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * Strictly after the sibling date `property` (not checked while either is not a date, so a
 * malformed bound is reported by its own rules only).
 */
export function IsAfter(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAfter',
      constraints: [property],
      validator: {
        validate: (value, args) => {
          const other = (args?.object as Siblings)[property];
          return !(value instanceof Date) || !(other instanceof Date) || value > other;
        },
        defaultMessage: buildMessage(
          (each) => `${each}$property must be after ${property}`,
          options,
        ),
      },
    },
    options,
  );
}

/** Not set together with the sibling `property` (null and absent both count as not set). */
export function NotTogetherWith(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notTogetherWith',
      constraints: [property],
      validator: {
        validate: (value, args) =>
          value === null || value === undefined || (args?.object as Siblings)[property] == null,
        defaultMessage: buildMessage(
          (each) => `${each}$property and ${property} are exclusive: set only one of them`,
          options,
        ),
      },
    },
    options,
  );
}

/** A multiple of `step` (RPE in half points, increments in quarter kilograms). */
export function IsMultipleOf(step: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMultipleOf',
      constraints: [step],
      validator: {
        // Tolerates binary floating point (0.3 / 0.1 is 2.9999999999999996).
        validate: (value) =>
          typeof value !== 'number' || Math.abs(value / step - Math.round(value / step)) < 1e-9,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a multiple of ${step}`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * At most `maxMs` after the sibling date `property`, e.g. a session's end within 12 hours of
 * its start (not checked while either is not a date). `span` words the limit in the message.
 */
export function AtMostAfter(
  property: string,
  maxMs: number,
  span: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'atMostAfter',
      constraints: [property, maxMs],
      validator: {
        validate: (value, args) => {
          const other = (args?.object as Siblings)[property];
          return (
            !(value instanceof Date) ||
            !(other instanceof Date) ||
            value.getTime() - other.getTime() <= maxMs
          );
        },
        defaultMessage: buildMessage(
          (each) => `${each}$property must be at most ${span} after ${property}`,
          options,
        ),
      },
    },
    options,
  );
}

/** Only together with the sibling `property` (null and absent both count as not set). */
export function Requires(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'requires',
      constraints: [property],
      validator: {
        validate: (value, args) =>
          value === null || value === undefined || (args?.object as Siblings)[property] != null,
        defaultMessage: buildMessage((each) => `${each}$property needs ${property}`, options),
      },
    },
    options,
  );
}

/**
 * A year at least `years` before the current one, checked against today's date each time (so
 * the bound moves with the calendar, unlike a @Max fixed when the module loaded).
 */
export function YearAtLeastYearsAgo(years: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'yearAtLeastYearsAgo',
      constraints: [years],
      validator: {
        validate: (value) =>
          typeof value !== 'number' || value <= new Date().getUTCFullYear() - years,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be at least ${years} years ago`,
          options,
        ),
      },
    },
    options,
  );
}
