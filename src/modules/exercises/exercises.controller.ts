import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ExerciseDto, ExerciseFiltersDto } from './dto/exercise.dto';
import {
  EquipmentParamDto,
  ExerciseFilterDto,
  ListExercisesQueryDto,
  MuscleParamDto,
  SearchExercisesDto,
} from './dto/exercise-query.dto';
import { ExercisesService } from './exercises.service';

@ApiTags('exercises')
@Authenticated()
@ApiProblems(429)
@Controller('exercises')
export class ExercisesController {
  constructor(private readonly exercises: ExercisesService) {}

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
  @ApiOkResponse({ type: ExerciseFiltersDto })
  filters(@CurrentUser() caller: AuthenticatedUser): Promise<ExerciseFiltersDto> {
    return this.exercises.filters(caller.id);
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

  @Get(':id')
  @ApiOperation({
    summary: 'One exercise',
    description: "Another user's unapproved exercise is a 404.",
  })
  @ApiOkResponse({ type: ExerciseDto })
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ExerciseDto> {
    return this.exercises.get(caller.id, id);
  }
}
