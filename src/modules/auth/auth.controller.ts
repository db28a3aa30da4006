import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, CurrentUser, Public } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { AuthRateLimit } from '../../infrastructure/throttling/throttling.module';
import { ClientInfo, AuthService } from './auth.service';
import { LoginDto, RefreshDto, RegisterDto } from './dto/credentials.dto';
import { AuthResponseDto, TokenResponseDto } from './dto/token-response.dto';

function clientInfo(req: Request): ClientInfo {
  return { userAgent: req.header('user-agent'), ip: req.ip };
}

@ApiTags('auth')
@ApiProblems(429)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @AuthRateLimit()
  @ApiOperation({
    summary: 'Create an account with email and password; signs in at once',
    description:
      'Emails are unique regardless of case. Passwords are 8 to 128 characters. A welcome email is sent in the background.',
  })
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiProblems(400, 409)
  register(@Body() dto: RegisterDto, @Req() req: Request): Promise<AuthResponseDto> {
    return this.auth.register(dto, clientInfo(req));
  }

  @Post('login')
  @Public()
  @AuthRateLimit()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description: 'Unknown email and wrong password give the same 401.',
  })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiProblems(400, 401, 403)
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<AuthResponseDto> {
    return this.auth.login(dto, clientInfo(req));
  }

  @Post('refresh')
  @Public()
  @AuthRateLimit()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description:
      'Refresh tokens are single use. Presenting one that was already used revokes the whole session.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400, 401)
  refresh(@Body() dto: RefreshDto, @Req() req: Request): Promise<TokenResponseDto> {
    return this.auth.refresh(dto.refreshToken, clientInfo(req));
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Sign out this session',
    description:
      'Revokes the refresh token and makes every access token of the session unusable at once.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  logout(@CurrentUser() caller: AuthenticatedUser): Promise<void> {
    return this.auth.logout(caller);
  }
}
