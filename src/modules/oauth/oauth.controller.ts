import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Redirect,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { AuthRateLimit } from '../../infrastructure/throttling/throttling.module';
import { Client, ClientInfo } from '../../common/http/client-info.decorator';
import type { FastifyRequest } from 'fastify';
import { AuthResponseDto } from '../auth/dto/token-response.dto';
import { ExchangeCodeDto } from './dto/exchange.dto';
import { StartSignInQueryDto } from './dto/start-sign-in-query.dto';
import { OAuthProviderName } from './entities/user-identity.entity';
import { OAuthProblems } from './oauth-problems';
import { OAuthService } from './oauth.service';
import { ApiOk } from '../../common/swagger/api-responses';

type RedirectTo = { url: string };

const LOCATION_HEADER = {
  Location: { required: true, schema: { type: 'string', format: 'uri' } },
};

function startDocs(label: string, provider: OAuthProviderName, scopes: string) {
  return [
    ApiOperation({
      summary: `Start signing in with ${label} (browser redirect)`,
      description:
        `Open this URL in the browser (web: a top-level navigation; mobile: a system browser tab). ` +
        `Answers 302 to ${label}'s consent screen with a single-use \`state\` (valid 10 minutes, kept ` +
        `server-side). Scopes: \`${scopes}\`. After consent, ${label} returns to ` +
        `\`/api/v1/auth/${provider}/callback\`, which redirects to \`redirect_uri\` with \`?code=\` ` +
        `(exchange it at \`POST /auth/exchange\`) or \`?error=\`. See docs/social-sign-in.md.`,
    }),
    ApiResponse({
      status: 302,
      description: `Redirect to ${label}'s authorization endpoint`,
      headers: {
        Location: {
          ...LOCATION_HEADER.Location,
          example: `https://provider.example/authorize?response_type=code&redirect_uri=https%3A%2F%2Fapi.fitai.example%2Fapi%2Fv1%2Fauth%2F${provider}%2Fcallback&scope=...&state=5Kq...&client_id=...`,
        },
      },
    }),
    ApiProblems(400, OAuthProblems.redirectUriNotAllowed, OAuthProblems.providerNotConfigured),
  ];
}

function callbackDocs(label: string) {
  return [
    ApiOperation({
      summary: `${label} redirects the browser here after consent (not called by clients)`,
      description:
        `Checks and consumes the \`state\`, exchanges \`code\` with ${label}, then signs in the ` +
        `linked account, links an existing account whose email is verified on both sides, or ` +
        `creates a verified account. Redirects (302) to the \`redirect_uri\` given at the start ` +
        `with \`?code=<one-time code>\` or \`?error=access_denied|provider_error|email_unverified|` +
        `account_exists_unverified|account_suspended\`. Tokens never appear in a URL. ` +
        `A missing, unknown, reused or forged \`state\` gives 400 (there is no trusted place to ` +
        `redirect to).`,
    }),
    ApiQuery({
      name: 'state',
      required: false,
      description: 'The state issued by the start route',
    }),
    ApiQuery({ name: 'code', required: false, description: `${label}'s authorization code` }),
    ApiQuery({
      name: 'error',
      required: false,
      description: `Set by ${label} instead of \`code\`, e.g. \`access_denied\``,
      example: 'access_denied',
    }),
    ApiResponse({
      status: 302,
      description: 'Redirect to the client: `redirect_uri?code=...` or `redirect_uri?error=...`',
      headers: {
        Location: {
          ...LOCATION_HEADER.Location,
          example:
            'https://app.fitai.example/auth/done?code=q3J9b1xY8n2Vw5K0cR7tL4aZ6mP1sD9fG3hJ8kQ2uE0',
        },
      },
    }),
    ApiProblems(400, OAuthProblems.invalidState, OAuthProblems.providerNotConfigured),
  ];
}

/**
 * Social sign-in routes. Everything here is @Public: the caller proves who they are through
 * the provider, then with the one-time code. The browser-facing routes answer redirects; the
 * problem+json errors are for states that cannot be trusted to say where to redirect.
 */
@ApiTags('auth')
@ApiProblems(429)
@Public()
@AuthRateLimit()
@Controller('auth')
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  @Get('google')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @applyDecorators(...startDocs('Google', 'google', 'openid email profile'))
  startGoogle(
    @Query() query: StartSignInQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<RedirectTo> {
    return this.start('google', query, req);
  }

  @Get('google/callback')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @applyDecorators(...callbackDocs('Google'))
  googleCallback(
    @Req() req: FastifyRequest,
    @Query('state') state?: string,
    @Query('code') code?: string,
    @Query('error') error?: string,
  ): Promise<RedirectTo> {
    return this.callback('google', req, { state, code, error });
  }

  @Get('github')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @applyDecorators(...startDocs('GitHub', 'github', 'read:user user:email'))
  startGitHub(
    @Query() query: StartSignInQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<RedirectTo> {
    return this.start('github', query, req);
  }

  @Get('github/callback')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @applyDecorators(...callbackDocs('GitHub'))
  githubCallback(
    @Req() req: FastifyRequest,
    @Query('state') state?: string,
    @Query('code') code?: string,
    @Query('error') error?: string,
  ): Promise<RedirectTo> {
    return this.callback('github', req, { state, code, error });
  }

  @Post('exchange')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Exchange a social sign-in code for FitAI tokens',
    description:
      'The last step of Google/GitHub sign-in: send the `code` from the redirect (single use, ' +
      'valid 60 s) and, if the sign-in was started with `code_challenge`, the `codeVerifier`. ' +
      'Returns the same body as `POST /auth/login`. An unknown, expired, used or unverifiable ' +
      'code is a 400 `invalid-code`; a failed attempt also consumes the code.',
  })
  @ApiOk(AuthResponseDto)
  @ApiProblems(400, OAuthProblems.invalidCode, 403)
  exchange(@Body() dto: ExchangeCodeDto, @Client() client: ClientInfo): Promise<AuthResponseDto> {
    return this.oauth.exchange(dto.code, dto.codeVerifier, client);
  }

  private async start(
    provider: OAuthProviderName,
    query: StartSignInQueryDto,
    req: FastifyRequest,
  ): Promise<RedirectTo> {
    const url = await this.oauth.start(provider, req, {
      redirectUri: query.redirect_uri,
      codeChallenge: query.code_challenge,
    });
    return { url };
  }

  private async callback(
    provider: OAuthProviderName,
    req: FastifyRequest,
    query: { state?: string; code?: string; error?: string },
  ): Promise<RedirectTo> {
    return { url: await this.oauth.callback(provider, req, query) };
  }
}
