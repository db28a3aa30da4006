import { Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, Public } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { Problems } from '../../common/errors/problem-types';
import { AcceptsMultipart, openUploadedFile } from '../../common/http/multipart';
import { LOCATION_HEADER, SetsLocation } from '../../common/http/location.decorator';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiAccepted, ApiOk } from '../../common/swagger/api-responses';
import { DataExportService } from './data-export.service';
import { DataImportService } from './data-import.service';
import { DataRightsProblems } from './data-rights-problems';
import { DataExportDto } from './dto/data-export.dto';
import { DataImportDto, DataImportQueryDto } from './dto/data-import.dto';

export class DownloadQueryDto {
  @ApiProperty({
    type: 'integer',
    description: 'Unix seconds until which the link works',
    example: 1796256000,
  })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(99_999_999_999)
  expires: number;

  @ApiProperty({ description: 'HMAC of the export id and `expires`', example: 'Zm9vYmFy' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/)
  signature: string;
}

@ApiTags('data-rights')
@ApiProblems(429)
@Controller('users')
export class DataRightsController {
  constructor(
    private readonly exports: DataExportService,
    private readonly imports: DataImportService,
  ) {}

  @Get('data-export')
  @Authenticated()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Export everything you own (asynchronous zip)',
    description:
      'Starts an export of all your data: JSON files following the published JSON Schema ' +
      '(docs/export), CSV of workouts (one row per set) and body metrics, and your avatar. ' +
      'Poll Location for progress; when completed it carries a signed download link that ' +
      'expires, and you get a notification and an email. One export per 24 hours: a second ' +
      'request is a 429 `data-export-too-soon` saying when the next is allowed.',
  })
  @SetsLocation((answer: DataExportDto) => `users/data-export/${answer.id}`)
  @ApiAccepted(DataExportDto, {
    description: 'Export started; poll Location',
    headers: LOCATION_HEADER,
  })
  @ApiProblems(DataRightsProblems.exportTooSoon)
  requestExport(@CurrentUser() caller: AuthenticatedUser): Promise<DataExportDto> {
    return this.exports.request(caller.id);
  }

  @Get('data-export/:id')
  @Authenticated()
  @ApiOperation({
    summary: 'A data export: status, progress and a fresh download link',
    description:
      'Each read of a completed export signs a new link valid for DATA_EXPORT_LINK_TTL_SECONDS.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOk(DataExportDto)
  @ApiProblems(400, 404)
  getExport(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<DataExportDto> {
    return this.exports.get(caller.id, id);
  }

  @Get('data-export/:id/download')
  @Public()
  @ApiOperation({
    summary: 'Download an export (signed link)',
    description:
      'The link from the export status: no token needed (a browser can follow it), valid ' +
      'until `expires`; after that, or once the archive is deleted, a 410.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The zip archive',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404, DataRightsProblems.linkExpired)
  async download(
    @UuidParam('id') id: string,
    @Query() query: DownloadQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.exports.download(id, query.expires, query.signature);
    await reply
      .header('content-type', 'application/zip')
      .header('content-length', String(file.size))
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body);
  }

  @Post('data-import')
  @Authenticated()
  @AcceptsMultipart()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Import a FitAI export, or a Strong or Hevy CSV (asynchronous)',
    description:
      'Send the file as the `file` part of a multipart/form-data body; `source` says what it ' +
      'is. The file is checked whole before anything is written: a bad row fails the import ' +
      'with a report of every failed row and why, and nothing is imported. Importing the same ' +
      'file twice adds nothing. Exercises are matched to the library by name; the report lists ' +
      'the names that matched nothing (each becomes your own exercise). Poll Location.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The zip or CSV file' },
      },
    },
  })
  @SetsLocation((answer: DataImportDto) => `users/data-import/${answer.id}`)
  @ApiAccepted(DataImportDto, {
    description: 'Import started; poll Location',
    headers: LOCATION_HEADER,
  })
  @ApiProblems(400, 415, Problems.fileRequired, DataRightsProblems.importTooLarge)
  async upload(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: DataImportQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<DataImportDto> {
    const file = await openUploadedFile(req, { fileSize: this.imports.maxBytes });
    return this.imports.upload(caller.id, {
      stream: file.stream,
      fileName: file.filename,
      source: query.source,
      weightUnit: query.weightUnit,
      truncated: file.truncated,
    });
  }

  @Get('data-import/:id')
  @Authenticated()
  @ApiOperation({
    summary: 'An import: status, progress and its report',
    description:
      'The report counts what was created and skipped (already imported), lists the exercise names that matched nothing in the library, and every row that failed with why.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOk(DataImportDto)
  @ApiProblems(400, 404)
  getImport(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<DataImportDto> {
    return this.imports.get(caller.id, id);
  }
}
