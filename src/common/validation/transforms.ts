/** class-transformer helpers shared by DTOs. They leave non-strings alone for the validators. */
export const trimString = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export const normalizeEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** ISO 8601 strings become Dates; anything else is left for @IsDate() to reject. */
export const toDate = ({ value }: { value: unknown }) =>
  typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value))
    ? new Date(value)
    : value;

/** Query strings carry text: only "true" and "false" become booleans (anything else fails IsBoolean). */
export const toQueryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
