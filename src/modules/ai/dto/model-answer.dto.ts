import { plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsString,
  MaxLength,
  validateSync,
  ValidationError,
} from 'class-validator';

export const MAX_NARRATIVE_CHARS = 1_500;
export const MAX_HIGHLIGHTS = 5;
export const MAX_HIGHLIGHT_CHARS = 200;

/**
 * The JSON object the remote model must answer with. Its strings are templates: numbers
 * appear only as `{{placeholders}}` (checked and substituted by narrative-template.ts).
 */
export class ModelAnswerDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_NARRATIVE_CHARS)
  narrative: string;

  @IsArray()
  @ArrayMaxSize(MAX_HIGHLIGHTS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(MAX_HIGHLIGHT_CHARS, { each: true })
  highlights: string[];
}

export class ModelAnswerError extends Error {
  override readonly name = 'ModelAnswerError';
}

/**
 * Parses the model's message content. Tolerates a Markdown code fence around the JSON (some
 * OpenAI-compatible servers add one despite `response_format`); anything else that is not a
 * JSON object of the expected shape throws ModelAnswerError. Unknown keys are dropped.
 */
export function parseModelAnswer(content: string): ModelAnswerDto {
  const text = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelAnswerError('the answer is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ModelAnswerError('the answer is not a JSON object');
  }
  const answer = plainToInstance(ModelAnswerDto, json);
  const errors = validateSync(answer, { whitelist: true });
  if (errors.length > 0) {
    throw new ModelAnswerError(`the answer is invalid: ${describe(errors)}`);
  }
  return answer;
}

function describe(errors: ValidationError[]): string {
  return errors
    .map((e) => `${e.property} (${Object.keys(e.constraints ?? {}).join(', ')})`)
    .join('; ');
}
