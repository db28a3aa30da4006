import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

/**
 * An array of objects, each validated as `type`. class-validator's `ValidateNested({ each: true })`
 * alone takes an array found where an item belongs for more items to validate, so `days: [[]]`
 * passed with no day in it (and the service then read `day.exercises` of an array: a 500); here
 * every item must be an object. Bounds (ArrayMinSize, ArrayMaxSize) are the caller's.
 */
export function NestedObjects(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    IsObject({ each: true, message: 'each item of $property must be an object' }),
    // eslint-disable-next-line no-restricted-syntax -- the one place it is used, with IsObject
    ValidateNested({ each: true }),
    Type(type),
  );
}
