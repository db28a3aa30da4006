import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/auth.decorators';
import { Role } from '../../common/auth/roles';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { AdminUsersQueryDto } from './dto/admin-users-query.dto';

@ApiTags('admin')
@Roles(Role.Admin)
@ApiProblems(429)
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({
    summary: 'List and search accounts (admin only), newest first',
    description: '`search` matches any part of the email or display name, case-insensitively.',
  })
  @ApiPageResponse(UserDto)
  @ApiProblems(400)
  async list(@Query() query: AdminUsersQueryDto): Promise<Page<UserDto>> {
    const page = await this.users.search(query.search, query);
    return { items: page.items.map((user) => UserDto.from(user)), meta: page.meta };
  }
}
