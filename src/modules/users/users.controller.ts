import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { PreferencesDto, UpdatePreferencesDto } from './dto/preferences.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiOk } from '../../common/swagger/api-responses';

@ApiTags('users')
@Authenticated()
@ApiProblems(429)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('profile')
  @ApiOperation({
    summary: "The caller's profile",
    description: 'The account behind the access token. Never includes credentials.',
  })
  @ApiOk(UserDto)
  getProfile(@CurrentUser() caller: AuthenticatedUser): Promise<UserDto> {
    return this.users.profileOf(caller.id);
  }

  @Put('profile')
  @ApiOperation({
    summary: "Update the caller's display name or bio",
    description:
      'Send only the fields to change; `bio: null` clears the bio. Returns the updated profile.',
  })
  @ApiOk(UserDto)
  @ApiProblems(400)
  async updateProfile(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() changes: UpdateProfileDto,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.updateProfile(caller.id, changes));
  }

  @Get('preferences')
  @ApiOperation({
    summary: "The caller's preferences",
    description:
      'Weight unit, time zone, training level, available equipment and privacy (discoverable, ' +
      'who sees your activities, whether your record numbers show).',
  })
  @ApiOk(PreferencesDto)
  async getPreferences(@CurrentUser() caller: AuthenticatedUser): Promise<PreferencesDto> {
    return PreferencesDto.from(await this.users.getProfile(caller.id));
  }

  @Put('preferences')
  @ApiOperation({
    summary: "Update the caller's preferences",
    description:
      'Send only the fields to change; `null` clears the training level or the equipment list. ' +
      'Changing the weight unit changes how weights are sent and shown, not what is stored.',
  })
  @ApiOk(PreferencesDto)
  @ApiProblems(400)
  async updatePreferences(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() changes: UpdatePreferencesDto,
  ): Promise<PreferencesDto> {
    return PreferencesDto.from(await this.users.updatePreferences(caller.id, changes));
  }
}
