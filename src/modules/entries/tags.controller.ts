import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { TagCountDto } from './dto/tag-count.dto';
import { EntriesService } from './entries.service';

@ApiTags('journal')
@Authenticated()
@ApiProblems(429)
@Controller('tags')
export class TagsController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's tags with entry counts, most used first",
    description: 'Tags are stored lower-cased; ties are ordered alphabetically.',
  })
  @ApiPageResponse(TagCountDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() page: PageQueryDto,
  ): Promise<Page<TagCountDto>> {
    return this.entries.tags(caller.id, page);
  }
}
