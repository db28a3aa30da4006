import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { AuthenticatedUser, Role } from '../../common/auth/roles';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { AdminUsersService } from './admin-users.service';
import { AdminUsersQueryDto } from './dto/admin-users-query.dto';
import { AdminUserDto, UpdateUserStatusDto } from './dto/user-status.dto';

@ApiTags('admin')
@Roles(Role.Admin)
@ApiProblems(429)
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @ApiOperation({
    summary: 'List and search accounts (admin only), newest first',
    description:
      '`search` matches any part of the email or display name, case-insensitively; `status`, ' +
      '`role` and the creation range narrow it. The anonymous stand-ins of deleted accounts ' +
      'are listed only with `status=deleted`.',
  })
  @ApiPageResponse(AdminUserDto)
  @ApiProblems(400)
  list(@Query() query: AdminUsersQueryDto): Promise<Page<AdminUserDto>> {
    return this.users.list(query);
  }

  @Put(':id/status')
  @ApiOperation({
    summary: 'Suspend or reactivate an account (admin only; audited)',
    description:
      'A suspension (with a reason, and optionally an end date when it lifts by itself) ends ' +
      "every session at once: refresh tokens are revoked, access tokens refused, the user's " +
      'sockets closed; signing in and refreshing answer 403 `account-suspended`. Recorded in ' +
      'the audit log (GET /admin/content/moderation-log).',
  })
  @ApiOk(AdminUserDto)
  @ApiProblems(400, 404, 409)
  setStatus(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id', 'The account') id: string,
    @Body() dto: UpdateUserStatusDto,
  ): Promise<AdminUserDto> {
    return this.users.setStatus(caller, id, dto);
  }
}
