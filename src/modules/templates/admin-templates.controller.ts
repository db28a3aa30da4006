import { Body, Controller, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { AuthenticatedUser, Role } from '../../common/auth/roles';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { FeatureTemplateDto } from './dto/feature-template.dto';
import { TemplateSummaryDto } from './dto/template.dto';
import { TemplatesService } from './templates.service';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiOk } from '../../common/swagger/api-responses';

@ApiTags('admin')
@Roles(Role.Admin)
@ApiProblems(429)
@Controller('admin/templates')
export class AdminTemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Put(':id/featured')
  @ApiOperation({
    summary: 'Feature or unfeature a template (admin only)',
    description:
      'Featured templates are listed by GET /templates/featured. Only a public template can be featured (409); ' +
      'a featured template its owner makes private is unfeatured.',
  })
  @ApiOk(TemplateSummaryDto)
  @ApiProblems(400, 404, 409)
  setFeatured(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: FeatureTemplateDto,
  ): Promise<TemplateSummaryDto> {
    return this.templates.setFeatured(caller.id, id, dto.featured);
  }
}
