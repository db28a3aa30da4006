import { Body, Controller, Get, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { LOCATION_HEADER, SetsLocation } from '../../common/http/location.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ListSummariesQueryDto } from './dto/list-summaries-query.dto';
import { RequestSummaryDto } from './dto/request-summary.dto';
import { PENDING_SUMMARY_EXAMPLE, SummaryDto } from './dto/summary.dto';
import { SummariesService } from './summaries.service';
import { AiProblems } from '../ai/ai-quota.service';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiAccepted, ApiOk } from '../../common/swagger/api-responses';

@ApiTags('summaries')
@Authenticated()
@ApiProblems(429)
@Controller('summaries')
export class SummariesController {
  constructor(private readonly summaries: SummariesService) {}

  @Post()
  @ApiOperation({
    summary: 'Request an AI summary of a day, week or month',
    description:
      'Computed in the background: answers 202 with the pending summary and a Location to poll. ' +
      'If the same period was summarised and its entries have not changed since, answers 200 with it ' +
      'at once (no new computation, not counted against the daily quota). 429 when the quota is used up.',
  })
  @SetsLocation((summary: SummaryDto) => `summaries/${summary.id}`)
  @ApiAccepted(SummaryDto, {
    description: 'Computation started or under way (pending or processing); poll Location',
    headers: LOCATION_HEADER,
    example: PENDING_SUMMARY_EXAMPLE,
  })
  @ApiOk(SummaryDto, {
    description: 'Up-to-date summary, from the cache',
    headers: LOCATION_HEADER,
  })
  @ApiProblems(400, AiProblems.quotaExceeded)
  async request(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: RequestSummaryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SummaryDto> {
    const { summary, accepted } = await this.summaries.request(caller.id, dto);
    res.status(accepted ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return summary;
  }

  @Get()
  @ApiOperation({
    summary: 'List summaries, newest first',
    description: 'Filter by `status`; pages with `cursor`.',
  })
  @ApiCursorPageResponse(SummaryDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListSummariesQueryDto,
  ): Promise<CursorPage<SummaryDto>> {
    return this.summaries.list(caller.id, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One summary: status and, once completed, the result',
    description: 'Status moves pending → processing → completed (or failed, with `failureReason`).',
  })
  @ApiOk(SummaryDto)
  @ApiProblems(400, 404)
  get(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<SummaryDto> {
    return this.summaries.get(caller.id, id);
  }
}
