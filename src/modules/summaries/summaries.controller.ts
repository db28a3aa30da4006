import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { LOCATION_HEADER, SetsLocation } from '../../common/http/location.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ListSummariesQueryDto } from './dto/list-summaries-query.dto';
import { RequestSummaryDto } from './dto/request-summary.dto';
import { SummaryDto } from './dto/summary.dto';
import { SummariesService } from './summaries.service';

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
  @ApiAcceptedResponse({
    type: SummaryDto,
    description: 'Computation started or under way; poll Location',
    headers: LOCATION_HEADER,
  })
  @ApiOkResponse({
    type: SummaryDto,
    description: 'Up-to-date summary, from the cache',
    headers: LOCATION_HEADER,
  })
  @ApiProblems(400)
  async request(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: RequestSummaryDto,
    @Res({ passthrough: true }) res: Response,
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
  @ApiOkResponse({ type: SummaryDto })
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SummaryDto> {
    return this.summaries.get(caller.id, id);
  }
}
