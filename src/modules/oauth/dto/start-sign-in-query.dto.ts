import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { Omittable } from '../../../common/validation/presence';

/** Query of `GET /auth/{provider}`. Snake case, as in OAuth itself. */
export class StartSignInQueryDto {
  @ApiPropertyOptional({
    name: 'redirect_uri',
    description:
      'Where the API sends the browser back with `?code=` (or `?error=`). Must start with an entry of ' +
      '`OAUTH_REDIRECT_ALLOWLIST` (same scheme and host; path equal or below). Default: the first entry.',
    example: 'https://app.example.com/auth/done',
    maxLength: 2000,
  })
  @Omittable()
  @IsString()
  @MaxLength(2000)
  redirect_uri?: string;

  @ApiPropertyOptional({
    name: 'code_challenge',
    description:
      'Optional PKCE binding (RFC 7636, S256): BASE64URL(SHA-256(code_verifier)). When sent, ' +
      '`POST /auth/exchange` requires the matching `codeVerifier`. Recommended for mobile apps.',
    example: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    pattern: '^[A-Za-z0-9_-]{43}$',
  })
  @Omittable()
  @Matches(/^[A-Za-z0-9_-]{43}$/, {
    message: 'code_challenge must be a base64url SHA-256 digest (43 characters)',
  })
  code_challenge?: string;

  @ApiPropertyOptional({
    name: 'code_challenge_method',
    enum: ['S256'],
    description: 'Only S256 is accepted; may be omitted.',
    example: 'S256',
  })
  @Omittable()
  @IsIn(['S256'])
  code_challenge_method?: 'S256';
}
