import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { AuthRateLimit } from '../../infrastructure/throttling/throttling.module';
import { AuthProblems } from './auth-problems';
import { AuthService } from './auth.service';
import { Client, ClientInfo } from '../../common/http/client-info.decorator';
import {
  AcceptedDto,
  ChangePasswordDto,
  EmailAddressDto,
  EmailTokenQueryDto,
  EmailVerifiedDto,
  ResetPasswordDto,
} from './dto/account.dto';
import { LoginDto, RefreshDto, RegisterDto } from './dto/credentials.dto';
import { AuthResponseDto, TokenResponseDto } from './dto/token-response.dto';
import { ApiOk, ApiCreated, ApiAccepted } from '../../common/swagger/api-responses';

const EMAIL_ON_ITS_WAY = 'If an account exists for this address, an email is on its way.';

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
  @ApiCreated(AuthResponseDto)
  @ApiProblems(400, 409)
  register(@Body() dto: RegisterDto, @Client() client: ClientInfo): Promise<AuthResponseDto> {
    return this.auth.register(dto, client);
  }

  @Post('login')
  @Public()
  @AuthRateLimit()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Unknown email and wrong password give the same 401. A suspended account gets a 403 ' +
      '`account-suspended` with the reason and the end date. Signing in cancels a pending ' +
      'account deletion (docs/account-deletion.md).',
  })
  @ApiOk(AuthResponseDto)
  @ApiProblems(400, 401, AuthProblems.accountSuspended)
  login(@Body() dto: LoginDto, @Client() client: ClientInfo): Promise<AuthResponseDto> {
    return this.auth.login(dto, client);
  }

  @Post('refresh')
  @Public()
  @AuthRateLimit()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description:
      'Refresh tokens are single use. Presenting one that was already used revokes the whole session. ' +
      'A suspended account gets a 403 `account-suspended` (and the session ends).',
  })
  @ApiOk(TokenResponseDto)
  @ApiProblems(400, 401, AuthProblems.accountSuspended)
  refresh(@Body() dto: RefreshDto, @Client() client: ClientInfo): Promise<TokenResponseDto> {
    return this.auth.refresh(dto.refreshToken, client);
  }

  @Get('verify-email')
  @Public()
  @AuthRateLimit()
  @ApiOperation({
    summary: 'Confirm an email address (the link from the verification email)',
    description:
      'Single use. Tokens issued before the verification still say emailVerified=false until refreshed.',
  })
  @ApiOk(EmailVerifiedDto)
  @ApiProblems(400, AuthProblems.invalidToken)
  async verifyEmail(@Query() query: EmailTokenQueryDto): Promise<EmailVerifiedDto> {
    await this.auth.verifyEmail(query.token);
    return { emailVerified: true };
  }

  @Post('resend-verification')
  @Public()
  @AuthRateLimit()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send the verification email again',
    description:
      'Answers the same way whether or not the address has an account; limited per address and per IP.',
  })
  @ApiAccepted(AcceptedDto)
  @ApiProblems(400)
  async resendVerification(@Body() dto: EmailAddressDto): Promise<AcceptedDto> {
    await this.auth.resendVerification(dto.email);
    return { message: EMAIL_ON_ITS_WAY };
  }

  @Post('forgot-password')
  @Public()
  @AuthRateLimit()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Email a password reset link',
    description:
      'Answers the same way whether or not the address has an account; limited per address and per IP. ' +
      'Accounts created through Google or GitHub set their first password this way.',
  })
  @ApiAccepted(AcceptedDto)
  @ApiProblems(400)
  async forgotPassword(@Body() dto: EmailAddressDto): Promise<AcceptedDto> {
    await this.auth.forgotPassword(dto.email);
    return { message: EMAIL_ON_ITS_WAY };
  }

  @Post('reset-password')
  @Public()
  @AuthRateLimit()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Set a new password with the token from the reset email',
    description:
      'Single use, short-lived. Signs out every session of the account and sends a "password changed" email.',
  })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiProblems(400, AuthProblems.invalidToken)
  resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    return this.auth.resetPassword(dto.token, dto.newPassword);
  }

  @Post('change-password')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Change the password (needs the current one)',
    description:
      'Keeps this session, signs out every other one, and sends a "password changed" email.',
  })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiProblems(400, AuthProblems.noPasswordSet)
  changePassword(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    return this.auth.changePassword(caller, dto.currentPassword, dto.newPassword);
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
