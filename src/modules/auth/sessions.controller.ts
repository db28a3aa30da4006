import { Controller, Delete, Get, HttpCode, HttpStatus, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { AuthService } from './auth.service';
import { SessionDto } from './dto/session.dto';
import { UuidParam } from '../../common/http/uuid-param.decorator';

@ApiTags('auth')
@Authenticated()
@ApiProblems(429)
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's signed-in sessions (devices)",
    description: 'Most recently active first; `current` marks the session making the request.',
  })
  @ApiPageResponse(SessionDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() page: PageQueryDto,
  ): Promise<Page<SessionDto>> {
    return this.auth.listSessions(caller, page);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Sign a session out',
    description: 'Its refresh token and every access token it holds stop working at once.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems(400, 404)
  end(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.auth.endSession(caller, id);
  }
}
