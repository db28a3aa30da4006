import { ValidateIf } from 'class-validator';

/**
 * What `null` and an absent field mean in a request body (docs/errors.md, "null"):
 *
 * - absent: "nothing to say". A create applies the default; an update leaves the field as it is.
 * - `null`: "no value". Taken only by a field the resource can hold without a value (its
 *   response field is nullable, and so is the request field in the OpenAPI document): a create
 *   stores none, an update clears it. Any other field answers null with a 400 naming it
 *   (`<field> must not be null`, see flattenValidationErrors).
 *
 * Every optional field says which it is with one of the two decorators below; class-validator's
 * `@IsOptional()` (which lets null through to the database as if absent) is not used for
 * requests (eslint: no-restricted-imports). Query strings never carry null, so their optional
 * parameters are `@Omittable()` too.
 */

/** May be left out; never null. The field's other rules run on any value that is present. */
export const Omittable = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined);

/** May be left out or null (no value: none on create, cleared on update); else validated. */
export const Nullable = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined && value !== null);
