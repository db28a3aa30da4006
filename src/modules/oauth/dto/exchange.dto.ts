import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { Omittable } from '../../../common/validation/presence';

export class ExchangeCodeDto {
  @ApiProperty({
    description: 'The one-time code from the `?code=` of the redirect. Single use, valid 60 s.',
    example: 'q3J9b1xY8n2Vw5K0cR7tL4aZ6mP1sD9fG3hJ8kQ2uE0',
    maxLength: 128,
  })
  @IsString()
  @Length(1, 128)
  code: string;

  @ApiPropertyOptional({
    description:
      'Required when the sign-in was started with `code_challenge`: the PKCE code verifier ' +
      '(43 to 128 characters of A-Z a-z 0-9 - . _ ~).',
    example: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    minLength: 43,
    maxLength: 128,
  })
  @Omittable()
  @Matches(/^[A-Za-z0-9\-._~]{43,128}$/, {
    message: 'codeVerifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~',
  })
  codeVerifier?: string;
}
