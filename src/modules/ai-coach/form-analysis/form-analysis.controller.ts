import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../../common/auth/roles';
import { BodyLimit } from '../../../common/http/body-limit';
import { ApiProblems } from '../../../common/swagger/api-problems.decorator';
import { ApiOk } from '../../../common/swagger/api-responses';
import { FormAnalysisDto } from './dto/form-analysis.dto';
import { FormAnalysisRequestDto } from './dto/form-analysis-request.dto';
import { FORM_ANALYSIS_REQUEST_EXAMPLE } from './dto/form-analysis.examples';
import { FormAnalysisService } from './form-analysis.service';
import { FORM_ANALYSIS_BODY_LIMIT_BYTES, MAX_FRAMES } from './limits';

@ApiTags('ai-coach')
@Authenticated()
@ApiProblems(429)
@Controller('ai/form-analysis')
export class FormAnalysisController {
  constructor(private readonly formAnalysis: FormAnalysisService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @BodyLimit(FORM_ANALYSIS_BODY_LIMIT_BYTES)
  @ApiOperation({
    summary: 'Check the form of one set from pose keypoints',
    description:
      'The app runs pose estimation on the device and sends keypoints per frame (COCO-17 or ' +
      'BlazePose-33, normalised x, y and a visibility); no video. The set is smoothed, reps are ' +
      'counted, and rules on joint angles are applied to each rep: depth, knee valgus (front ' +
      'view only), torso angle, back rounding proxy, body line, knee travel, range of motion, ' +
      'tempo, left–right asymmetry. Every finding names the rep, the measured value, the ' +
      'threshold and its source; a rule the camera view cannot measure is `not_measurable`. ' +
      `At most ${MAX_FRAMES} frames and 4 MB. Bad keypoint counts, non-finite numbers and ` +
      'frames out of order are field errors (400). See docs/ai-coach.md.',
  })
  @ApiBody({
    type: FormAnalysisRequestDto,
    examples: {
      compact: {
        summary: 'Ten COCO-17 frames, side view (the shortest valid set)',
        value: FORM_ANALYSIS_REQUEST_EXAMPLE,
      },
    },
  })
  @ApiOk(FormAnalysisDto)
  @ApiProblems(400)
  analyse(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: FormAnalysisRequestDto,
  ): Promise<FormAnalysisDto> {
    return this.formAnalysis.analyse(caller.id, dto);
  }
}
