import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { CreatesResource } from '../../common/http/location.decorator';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ExerciseDto, ExerciseFiltersDto, ExerciseSubmissionDto } from './dto/exercise.dto';
import { CreateExerciseDto, UpdateExerciseDto } from './dto/exercise-write.dto';
import {
  EquipmentParamDto,
  ExerciseFilterDto,
  ListExercisesQueryDto,
  MuscleParamDto,
  SearchExercisesDto,
} from './dto/exercise-query.dto';
import { ExercisesService } from './exercises.service';
import { ExerciseRankingsService } from './exercise-rankings.service';
import {
  ExerciseDetailDto,
  ExerciseStatsDto,
  PopularExerciseDto,
  RecommendationQueryDto,
  RecommendationsDto,
} from './dto/exercise-rankings.dto';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { RateDto, RatingSummaryDto } from '../../common/ratings/rating.dto';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

@ApiTags('exercises')
@Authenticated()
@ApiProblems(429)
@Controller('exercises')
export class ExercisesController {
  constructor(
    private readonly exercises: ExercisesService,
    private readonly rankings: ExerciseRankingsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Browse the exercise library',
    description:
      'Alphabetical. Filter by muscle (primary or secondary), equipment, category, level and part of the name.',
  })
  @ApiPageResponse(ExerciseDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: ListExercisesQueryDto,
  ): Promise<Page<ExerciseDto>> {
    return this.exercises.list(caller.id, query);
  }

  @Post('search')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Search exercises by words, typo-tolerant, with filters',
    description:
      'Full-text over names and instructions plus trigram similarity on names, ranked; ' +
      '"bench pres" finds the bench press variants, barbell ones first.',
  })
  @ApiPageResponse(ExerciseDto)
  @ApiProblems(400)
  search(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: SearchExercisesDto,
  ): Promise<Page<ExerciseDto>> {
    return this.exercises.search(caller.id, dto);
  }

  @Get('filters')
  @ApiOperation({
    summary: 'Every available filter value, with how many exercises have it',
    description: 'Muscles count exercises that work them as primary or secondary muscle.',
  })
  @ApiOk(ExerciseFiltersDto)
  filters(@CurrentUser() caller: AuthenticatedUser): Promise<ExerciseFiltersDto> {
    return this.exercises.filters(caller.id);
  }

  @Get('popular')
  @ApiOperation({
    summary: 'The most popular exercises',
    description:
      'Ranked by a Bayesian average of the votes (so one 5-star vote does not top the list) ' +
      'blended with how many completed workouts include the exercise; see docs/exercises.md.',
  })
  @ApiPageResponse(PopularExerciseDto)
  @ApiProblems(400)
  popular(@Query() query: PageQueryDto): Promise<Page<PopularExerciseDto>> {
    return this.rankings.popular(query);
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Library statistics',
    description: 'Approved exercises by muscle, level, equipment and category; the most used.',
  })
  @ApiOk(ExerciseStatsDto)
  stats(): Promise<ExerciseStatsDto> {
    return this.rankings.stats();
  }

  @Get('recommended')
  @ApiOperation({
    summary: 'Exercises for the muscles you have trained least lately',
    description:
      'Looks at your completed sets of the last 28 days, picks the least trained muscles and ' +
      'suggests exercises for them that fit your level and equipment (GET|PUT ' +
      '/users/preferences) and that you have not done in that period.',
  })
  @ApiOk(RecommendationsDto)
  @ApiProblems(400)
  recommended(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: RecommendationQueryDto,
  ): Promise<RecommendationsDto> {
    return this.rankings.recommended(caller.id, query);
  }

  @Get('muscle/:muscle')
  @ApiOperation({
    summary: 'Exercises for a muscle (primary or secondary)',
    description: 'Same filters and pages as GET /exercises.',
  })
  @ApiPageResponse(ExerciseDto)
  @ApiProblems(400)
  byMuscle(
    @CurrentUser() caller: AuthenticatedUser,
    @Param() params: MuscleParamDto,
    @Query() query: ExerciseFilterDto,
  ): Promise<Page<ExerciseDto>> {
    return this.exercises.list(caller.id, Object.assign(query, { muscle: params.muscle }));
  }

  @Get('equipment/:equipment')
  @ApiOperation({
    summary: 'Exercises with a piece of equipment',
    description: 'Same filters and pages as GET /exercises.',
  })
  @ApiPageResponse(ExerciseDto)
  @ApiProblems(400)
  byEquipment(
    @CurrentUser() caller: AuthenticatedUser,
    @Param() params: EquipmentParamDto,
    @Query() query: ExerciseFilterDto,
  ): Promise<Page<ExerciseDto>> {
    return this.exercises.list(caller.id, Object.assign(query, { equipment: params.equipment }));
  }

  @Post()
  @ApiOperation({
    summary: 'Make an exercise of your own',
    description:
      'Private and pending review: visible to you at once, to everyone once an admin approves it. ' +
      'The answer lists approved exercises with close names (`nearDuplicates`), which the reviewer ' +
      "sees too. An admin's exercises are approved at once.",
  })
  @CreatesResource(ExerciseSubmissionDto, (exercise) => `exercises/${exercise.id}`)
  @ApiProblems(400)
  create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: CreateExerciseDto,
  ): Promise<ExerciseSubmissionDto> {
    return this.exercises.create(caller, dto);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Change an exercise (its creator or an admin)',
    description:
      "Send only the fields to change. A creator's change to an approved or rejected exercise " +
      'sends it back for review (private until approved again).',
  })
  @ApiOk(ExerciseDto)
  @ApiProblems(400, 403, 404)
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateExerciseDto,
  ): Promise<ExerciseDto> {
    return this.exercises.update(caller, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete an exercise (its creator or an admin)',
    description:
      'A soft delete: it leaves the library, but workouts and templates that use it keep it.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 403, 404)
  remove(@CurrentUser() caller: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.exercises.remove(caller, id);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One exercise, with its rating',
    description: "Another user's unapproved exercise is a 404.",
  })
  @ApiOk(ExerciseDetailDto)
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<ExerciseDetailDto> {
    return this.rankings.detail(caller.id, id);
  }

  @Post(':id/rate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rate an exercise from 1 to 5',
    description: 'One vote per user: rating again replaces your vote. Returns the new rating.',
  })
  @ApiOk(RatingSummaryDto)
  @ApiProblems(400, 404)
  rate(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: RateDto,
  ): Promise<RatingSummaryDto> {
    return this.rankings.rate(caller.id, id, dto.score);
  }
}
