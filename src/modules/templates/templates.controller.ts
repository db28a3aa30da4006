import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiExtraModels, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { CreatesResource } from '../../common/http/location.decorator';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { RateDto, RatingSummaryDto } from '../../common/ratings/rating.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { DuplicateTemplateDto } from './dto/duplicate-template.dto';
import {
  ListTemplatesQueryDto,
  ListVisibleTemplatesQueryDto,
} from './dto/list-templates-query.dto';
import { PROGRESSION_RULE_MODELS } from './dto/progression-rule.dto';
import { CreateTemplateDto, UpdateTemplateDto } from './dto/template-input.dto';
import { FavoriteDto, TemplateDto, TemplateSummaryDto } from './dto/template.dto';
import { TemplateScope } from './templates.repository';
import { TemplateProblems } from './template-problems';
import { TemplatesService } from './templates.service';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk, ApiCreated } from '../../common/swagger/api-responses';

const NOT_VISIBLE = "Someone else's private (or a deleted) template is a 404.";

@ApiTags('templates')
@Authenticated()
@ApiProblems(429)
@ApiExtraModels(...PROGRESSION_RULE_MODELS)
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  // The fixed paths come before `:id`, which would otherwise capture them.

  @Get()
  @ApiOperation({
    summary: 'Templates you can use: your own and every public one',
    description:
      'Filters and order as GET /templates/public; `favorites=true` keeps your favourites.',
  })
  @ApiPageResponse(TemplateSummaryDto)
  @ApiProblems(400)
  listVisible(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListVisibleTemplatesQueryDto,
  ): Promise<Page<TemplateSummaryDto>> {
    return this.templates.list(caller.id, TemplateScope.Visible, query);
  }

  @Get('public')
  @ApiOperation({
    summary: 'Browse public templates',
    description:
      'Filter by goal, level, days per week and the equipment you have (templates needing nothing else). ' +
      'Sort by `newest`, `rating` (Bayesian average) or `popularity` (favourites + duplicates + uses).',
  })
  @ApiPageResponse(TemplateSummaryDto)
  @ApiProblems(400)
  listPublic(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListTemplatesQueryDto,
  ): Promise<Page<TemplateSummaryDto>> {
    return this.templates.list(caller.id, TemplateScope.Public, query);
  }

  @Get('featured')
  @ApiOperation({
    summary: 'Public templates featured by the FitAI team',
    description: 'Same filters and order as GET /templates/public.',
  })
  @ApiPageResponse(TemplateSummaryDto)
  @ApiProblems(400)
  listFeatured(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListTemplatesQueryDto,
  ): Promise<Page<TemplateSummaryDto>> {
    return this.templates.list(caller.id, TemplateScope.Featured, query);
  }

  @Get('my')
  @ApiOperation({
    summary: 'Your templates, private and public',
    description: 'Same filters and order as GET /templates/public.',
  })
  @ApiPageResponse(TemplateSummaryDto)
  @ApiProblems(400)
  listOwn(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListTemplatesQueryDto,
  ): Promise<Page<TemplateSummaryDto>> {
    return this.templates.list(caller.id, TemplateScope.Own, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a template',
    description:
      'Days → exercises → sets, validated as a whole: every invalid field (including unknown exercises) ' +
      'is reported with its path, e.g. `days.0.exercises.1.sets.2.repsMax`. Limits in docs/templates.md.',
  })
  @CreatesResource(TemplateDto, (template) => `templates/${template.id}`)
  @ApiProblems(400)
  create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: CreateTemplateDto,
  ): Promise<TemplateDto> {
    return this.templates.create(caller.id, dto);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One template with its days, exercises and sets',
    description: `Includes the rating summary and whether you favourited it. ${NOT_VISIBLE}`,
  })
  @ApiOk(TemplateDto)
  @ApiProblems(400, 404)
  get(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<TemplateDto> {
    return this.templates.get(caller.id, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Replace a template (owner only)',
    description:
      'The whole template, validated like POST. Send the `version` you edited: if the template changed ' +
      `since, the answer is 409 \`version-conflict\` with \`currentVersion\`. Someone else's public template is a 403. ${NOT_VISIBLE}`,
  })
  @ApiOk(TemplateDto)
  @ApiProblems(400, 403, 404, TemplateProblems.versionConflict)
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateTemplateDto,
  ): Promise<TemplateDto> {
    return this.templates.update(caller.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a template (owner only)',
    description:
      'Soft delete: it leaves every list and answers 404, while copies keep their origin id. ' +
      `Someone else's public template is a 403. ${NOT_VISIBLE}`,
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 403, 404)
  remove(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.templates.remove(caller.id, id);
  }

  @Post(':id/favorite')
  @ApiOperation({
    summary: 'Favourite a template',
    description: `Idempotent: 201 when it becomes a favourite, 200 when it already was (counted once). ${NOT_VISIBLE}`,
  })
  @ApiCreated(FavoriteDto, { description: 'Now a favourite' })
  @ApiOk(FavoriteDto, { description: 'Already a favourite; nothing changed' })
  @ApiProblems(400, 404)
  async favorite(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<FavoriteDto> {
    const { favorite, created } = await this.templates.favorite(caller.id, id);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return favorite;
  }

  @Delete(':id/favorite')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove a template from your favourites',
    description:
      'Idempotent (204 whether or not it was one). Works on a favourite whose template has since ' +
      `become invisible to you. ${NOT_VISIBLE}`,
  })
  @ApiNoContentResponse({ description: 'Not a favourite (any more)' })
  @ApiProblems(400, 404)
  unfavorite(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.templates.unfavorite(caller.id, id);
  }

  @Post(':id/duplicate')
  @ApiOperation({
    summary: 'Copy a template into your own, private templates',
    description: `The copy keeps \`originTemplateId\`; the original counts the duplicate. ${NOT_VISIBLE}`,
  })
  @CreatesResource(TemplateDto, (copy) => `templates/${copy.id}`, 'The copy; Location names it')
  @ApiProblems(400, 404)
  duplicate(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: DuplicateTemplateDto,
  ): Promise<TemplateDto> {
    return this.templates.duplicate(caller.id, id, dto);
  }

  @Post(':id/rate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rate a template from 1 to 5',
    description:
      'One vote per user: rating again replaces your vote. You cannot rate your own template (403). ' +
      NOT_VISIBLE,
  })
  @ApiOk(RatingSummaryDto, { description: "The template's ratings with your vote" })
  @ApiProblems(400, 403, 404)
  rate(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: RateDto,
  ): Promise<RatingSummaryDto> {
    return this.templates.rate(caller.id, id, dto.score);
  }
}
