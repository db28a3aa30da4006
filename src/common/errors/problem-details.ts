import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** Base of the `type` URIs; each problem kind has a stable, documented slug. */
export const PROBLEM_TYPE_BASE = 'urn:fitai:problem:';

export class FieldError {
  @ApiProperty({ example: 'email', description: 'Path of the offending field (dots for nesting)' })
  field: string;

  @ApiProperty({ example: ['email must be an email'], type: [String] })
  messages: string[];
}

/** RFC 9457 problem details: the one body every 4xx/5xx answer carries. */
export class ProblemDetails {
  @ApiProperty({
    example: 'urn:fitai:problem:validation-failed',
    description: 'Identifies the kind of problem; see docs/errors.md',
  })
  type: string;

  @ApiProperty({ example: 'Validation failed' })
  title: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status: number;

  @ApiPropertyOptional({ example: 'The request body has 1 invalid field.' })
  detail?: string;

  @ApiProperty({ example: '/api/v1/auth/register', description: 'The request path' })
  instance: string;

  @ApiProperty({ example: '1f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10' })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldError], description: 'Present on validation problems' })
  errors?: FieldError[];
}
