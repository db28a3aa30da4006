import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { Problems } from '../../common/errors/problem-types';
import { IdempotencyKey } from '../../common/idempotency/idempotency-key';
import { Idempotent, IdempotentCreate } from '../../common/idempotency/idempotent-create.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { CreateEntryDto } from './dto/create-entry.dto';
import { EntryDto } from './dto/entry.dto';
import { ListEntriesQueryDto } from './dto/list-entries-query.dto';
import { UpdateEntryDto } from './dto/update-entry.dto';
import { EntriesService } from './entries.service';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

@ApiTags('journal')
@Authenticated()
@ApiProblems(429)
@Controller('entries')
export class EntriesController {
  constructor(private readonly entries: EntriesService) {}

  @Post()
  @ApiOperation({
    summary: 'Log a journal entry',
    description:
      'Send an `Idempotency-Key` to make retries safe: a repeat with the same key and body returns the ' +
      'entry created first (200) instead of a duplicate; the same key with another body is a 422, ' +
      'and a key whose entry has since been deleted a 404.',
  })
  @IdempotentCreate(EntryDto, (entry) => `entries/${entry.id}`, 'entry')
  @ApiProblems(400, 404, Problems.idempotencyKeyReused)
  async create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: CreateEntryDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<Idempotent<EntryDto>> {
    const { entry, replayed } = await this.entries.create(caller.id, dto, idempotencyKey);
    return new Idempotent(entry, replayed);
  }

  @Get()
  @ApiOperation({
    summary: 'List entries, newest first',
    description:
      'Filter by time range (`from` inclusive, `to` exclusive), tag and type. Pages with `cursor`.',
  })
  @ApiCursorPageResponse(EntryDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListEntriesQueryDto,
  ): Promise<CursorPage<EntryDto>> {
    return this.entries.list(caller.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One entry', description: "Another user's entry is a 404." })
  @ApiOk(EntryDto)
  @ApiProblems(400, 404)
  get(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<EntryDto> {
    return this.entries.get(caller.id, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an entry',
    description: 'Send only what changes; `null` clears a field.',
  })
  @ApiOk(EntryDto)
  @ApiProblems(400, 404)
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateEntryDto,
  ): Promise<EntryDto> {
    return this.entries.update(caller.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete an entry',
    description:
      'Summaries covering its day, week and month become stale and are recomputed on request.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  remove(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.entries.remove(caller.id, id);
  }
}
