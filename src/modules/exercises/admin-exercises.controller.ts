import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { AuthenticatedUser, Role } from '../../common/auth/roles';
import { ApiPageResponse, Page } from '../../common/pagination/page';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ExerciseDto, PendingExerciseDto } from './dto/exercise.dto';
import { ReviewExerciseDto } from './dto/exercise-write.dto';
import { ExerciseProblems } from './exercise-problems';
import { ExercisesService } from './exercises.service';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

@ApiTags('admin')
@Roles(Role.Admin)
@ApiProblems(429)
@Controller('admin/exercises')
export class AdminExercisesController {
  constructor(private readonly exercises: ExercisesService) {}

  @Get('pending')
  @ApiOperation({
    summary: 'The review queue of user-made exercises (admin only), oldest first',
    description: 'Each with the approved exercises whose names are close (`nearDuplicates`).',
  })
  @ApiPageResponse(PendingExerciseDto)
  @ApiProblems(400)
  pending(@Query() query: PageQueryDto): Promise<Page<PendingExerciseDto>> {
    return this.exercises.pendingReview(query);
  }

  @Put(':id/review')
  @ApiOperation({
    summary: 'Approve or reject a user-made exercise (admin only)',
    description:
      'Approved: visible to everyone. Rejected: stays private to its creator, with the note ' +
      '(required to reject). Only pending exercises can be reviewed (409 otherwise).',
  })
  @ApiOk(ExerciseDto)
  @ApiProblems(400, 404, ExerciseProblems.notPendingReview)
  review(
    @CurrentUser() reviewer: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ReviewExerciseDto,
  ): Promise<ExerciseDto> {
    return this.exercises.review(reviewer.id, id, dto);
  }
}
