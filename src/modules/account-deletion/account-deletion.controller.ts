import { Body, Controller, Delete, Get, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiAccepted, ApiOk } from '../../common/swagger/api-responses';
import { AuthRateLimit } from '../../infrastructure/throttling/throttling.module';
import { AccountDeletionProblems } from './account-deletion-problems';
import { AccountDeletionService } from './account-deletion.service';
import { AccountDeletionDto, DeleteAccountDto } from './dto/account-deletion.dto';

@ApiTags('users')
@Authenticated()
@ApiProblems(429)
@Controller('users/account')
export class AccountDeletionController {
  constructor(private readonly deletions: AccountDeletionService) {}

  @Delete()
  @AuthRateLimit()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Delete the caller's account (after a grace period)",
    description:
      'Needs the password, or for an account without one (Google, GitHub) a sign-in within ' +
      'ACCOUNT_DELETION_RECENT_SIGN_IN_MINUTES. The account stays usable for ' +
      'ACCOUNT_DELETION_GRACE_DAYS (7 by default); signing in, or DELETE /users/account/deletion, ' +
      'cancels it. Then everything is removed, and what others depend on (comments on their ' +
      'activities, likes, challenge results, reports) is kept under "Deleted user". An email ' +
      'confirms each step. Asking again answers the deletion already scheduled ' +
      '(docs/account-deletion.md).',
  })
  @ApiAccepted(AccountDeletionDto)
  @ApiProblems(400, AccountDeletionProblems.recentSignInRequired)
  request(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: DeleteAccountDto,
  ): Promise<AccountDeletionDto> {
    return this.deletions.request(caller, dto);
  }

  @Get('deletion')
  @ApiOperation({
    summary: "The caller's pending account deletion",
    description: '404 when none is pending.',
  })
  @ApiOk(AccountDeletionDto)
  @ApiProblems(404)
  status(@CurrentUser() caller: AuthenticatedUser): Promise<AccountDeletionDto> {
    return this.deletions.status(caller.id);
  }

  @Delete('deletion')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: "Cancel the caller's pending account deletion",
    description: 'Possible until the grace period ends (signing in cancels it too).',
  })
  @ApiNoContentResponse({ description: 'Cancelled: the account stays' })
  @ApiProblems(404)
  cancel(@CurrentUser() caller: AuthenticatedUser): Promise<void> {
    return this.deletions.cancel(caller.id);
  }
}
