import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PastInstant } from '../../../common/validation/instant.decorator';

export const ENTRY_LIMITS = {
  note: 5_000,
  tags: 20,
  tagLength: 40,
  unit: 24,
} as const;

/** Lower case, trimmed, inner spaces collapsed, duplicates removed (first one kept). */
export const normalizeTags = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? [
        ...new Set(
          value.map((tag) =>
            typeof tag === 'string' ? tag.trim().toLowerCase().replace(/\s+/g, ' ') : tag,
          ),
        ),
      ]
    : value;

/** Shared validation of entry fields, so create, update and list agree on every rule. */
export const EntryField = {
  instant: PastInstant,
  scale: () => applyDecorators(IsInt(), Min(1), Max(10)),
  note: () => applyDecorators(IsString(), MaxLength(ENTRY_LIMITS.note)),
  tags: () =>
    applyDecorators(
      Transform(normalizeTags),
      IsArray(),
      ArrayMaxSize(ENTRY_LIMITS.tags),
      IsString({ each: true }),
      MaxLength(ENTRY_LIMITS.tagLength, { each: true }),
      Matches(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, {
        each: true,
        message:
          'each tag must start with a letter or digit and contain only letters, digits, spaces, "-" or "_"',
      }),
    ),
  tag: () =>
    applyDecorators(
      Transform(({ value }) =>
        typeof value === 'string' ? value.trim().toLowerCase().replace(/\s+/g, ' ') : value,
      ),
      IsString(),
      MaxLength(ENTRY_LIMITS.tagLength),
    ),
};
