import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/auth.decorators';
import { Role } from '../../common/auth/roles';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../common/swagger/api-responses';
import { AdminFiguresService } from './admin-figures.service';
import {
  AdminAnalyticsDto,
  AdminStatsDto,
  AnalyticsQueryDto,
  StatsQueryDto,
} from './dto/admin-figures.dto';

@ApiTags('admin')
@ApiProblems(429)
@Controller('admin')
export class AdminFiguresController {
  constructor(private readonly figures: AdminFiguresService) {}

  @Get('stats')
  @Roles(Role.Moderator, Role.Admin)
  @ApiOperation({
    summary: 'Operational figures (moderators and admins)',
    description:
      'Accounts, active users (a session used in the last day, week, month), sign-ups, active ' +
      'users, workouts and journal entries per UTC day over the last `days`, queue depths and ' +
      'dead letters, and storage used (docs/admin.md).',
  })
  @ApiOk(AdminStatsDto)
  @ApiProblems(400)
  stats(@Query() query: StatsQueryDto): Promise<AdminStatsDto> {
    return this.figures.stats(query.days);
  }

  @Get('analytics')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Product analytics (admin only)',
    description:
      'Sign-ups per day, DAU/WAU/MAU, retention by weekly sign-up cohort, and AI usage with its ' +
      'cost per feature and per user at the configured prices (AI_PROMPT_CENTS_PER_MTOK, ' +
      'AI_COMPLETION_CENTS_PER_MTOK) over the last `weeks` (docs/admin.md, "Charging per user").',
  })
  @ApiOk(AdminAnalyticsDto)
  @ApiProblems(400)
  analytics(@Query() query: AnalyticsQueryDto): Promise<AdminAnalyticsDto> {
    return this.figures.analytics(query.weeks);
  }
}
