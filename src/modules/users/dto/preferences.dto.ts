import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsTimeZone,
  Min,
} from 'class-validator';
import { YearAtLeastYearsAgo } from '../../../common/validation/field-rules';
import { BIRTH_YEAR_MIN, MIN_AGE_YEARS, Sex } from '../user.vocabulary';
import { LengthUnit } from '../../../common/units/length-unit';
import { WeightUnit } from '../../../common/units/weight-unit';
import { Equipment, ExerciseLevel } from '../../training/exercise-attributes.vocabulary';
import { User } from '../entities/user.entity';
import { Audience } from '../privacy.vocabulary';
import { Nullable, Omittable } from '../../../common/validation/presence';

export class PreferencesDto {
  @ApiProperty({
    enum: WeightUnit,
    enumName: 'WeightUnit',
    example: WeightUnit.Kilogram,
    description: 'Every weight the user sends or reads is in this unit',
  })
  weightUnit: WeightUnit;

  @ApiProperty({
    enum: LengthUnit,
    enumName: 'LengthUnit',
    example: LengthUnit.Centimetre,
    description: 'Body measurements are sent and read in this unit',
  })
  lengthUnit: LengthUnit;

  @ApiProperty({
    example: 'Europe/Paris',
    description: 'IANA time zone: days, weeks and streaks are counted in it',
  })
  timeZone: string;

  @ApiProperty({ enum: ExerciseLevel, enumName: 'ExerciseLevel', nullable: true })
  trainingLevel: ExerciseLevel | null;

  @ApiProperty({
    enum: Equipment,
    enumName: 'Equipment',
    isArray: true,
    nullable: true,
    example: ['barbell', 'dumbbell', 'body only'],
    description: 'Equipment available to the user; null when not said (no restriction)',
  })
  equipment: Equipment[] | null;

  @ApiProperty({
    enum: Sex,
    enumName: 'Sex',
    nullable: true,
    example: null,
    description:
      'Optional, never shown to others: used only for sex-specific formulas (DOTS on strength ' +
      'leaderboards) and benchmark cohorts; null when not said',
  })
  sex: Sex | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 1990,
    description:
      'Optional, never shown to others: used only for age bands of benchmark cohorts; ' +
      'null when not said',
  })
  birthYear: number | null;

  @ApiProperty({
    example: true,
    description:
      'Others find you in search (GET /users/search) and suggestions; friends find you either way',
  })
  profileDiscoverable: boolean;

  @ApiProperty({
    enum: Audience,
    enumName: 'Audience',
    example: Audience.Friends,
    description:
      'The widest audience of the activities made from your workouts, records and goals: ' +
      'an activity can be made stricter, never wider (docs/social.md)',
  })
  activityVisibility: Audience;

  @ApiProperty({
    example: true,
    description: 'Whether others see the weights and reps of your personal records',
  })
  showRecordNumbers: boolean;

  @ApiProperty({
    example: false,
    description:
      "Left out of others' leaderboards (GET /leaderboards/*); you still see your own result",
  })
  leaderboardOptOut: boolean;

  static from(user: User): PreferencesDto {
    return {
      weightUnit: user.weightUnit,
      lengthUnit: user.lengthUnit,
      timeZone: user.timeZone,
      trainingLevel: user.trainingLevel,
      equipment: user.equipment,
      sex: user.sex,
      birthYear: user.birthYear,
      profileDiscoverable: user.profileDiscoverable,
      activityVisibility: user.activityVisibility,
      showRecordNumbers: user.showRecordNumbers,
      leaderboardOptOut: user.leaderboardOptOut,
    };
  }
}

/** Send only what changes; `null` clears the level or the equipment list. */
export class UpdatePreferencesDto {
  @ApiPropertyOptional({ enum: WeightUnit, enumName: 'WeightUnit' })
  @Omittable()
  @IsEnum(WeightUnit)
  weightUnit?: WeightUnit;

  @ApiPropertyOptional({ enum: LengthUnit, enumName: 'LengthUnit' })
  @Omittable()
  @IsEnum(LengthUnit)
  lengthUnit?: LengthUnit;

  @ApiPropertyOptional({ example: 'America/New_York', description: 'An IANA time zone name' })
  @Omittable()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone, such as Europe/Paris' })
  timeZone?: string;

  @ApiPropertyOptional({ enum: ExerciseLevel, enumName: 'ExerciseLevel', nullable: true })
  @Nullable()
  @IsEnum(ExerciseLevel)
  trainingLevel?: ExerciseLevel | null;

  @ApiPropertyOptional({
    enum: Equipment,
    enumName: 'Equipment',
    isArray: true,
    nullable: true,
    example: ['barbell', 'dumbbell'],
  })
  @Nullable()
  @IsArray()
  @ArrayMaxSize(Object.values(Equipment).length)
  @ArrayUnique()
  @IsEnum(Equipment, { each: true })
  equipment?: Equipment[] | null;

  @ApiPropertyOptional({ enum: Sex, enumName: 'Sex', nullable: true, example: 'female' })
  @Nullable()
  @IsEnum(Sex)
  sex?: Sex | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 1990,
    minimum: BIRTH_YEAR_MIN,
    description: `From ${BIRTH_YEAR_MIN} to ${MIN_AGE_YEARS} years before the current year`,
  })
  @Nullable()
  @IsInt()
  @Min(BIRTH_YEAR_MIN)
  @YearAtLeastYearsAgo(MIN_AGE_YEARS)
  birthYear?: number | null;

  @ApiPropertyOptional({ example: false })
  @Omittable()
  @IsBoolean()
  profileDiscoverable?: boolean;

  @ApiPropertyOptional({ enum: Audience, enumName: 'Audience', example: Audience.Friends })
  @Omittable()
  @IsEnum(Audience)
  activityVisibility?: Audience;

  @ApiPropertyOptional({ example: false })
  @Omittable()
  @IsBoolean()
  showRecordNumbers?: boolean;

  @ApiPropertyOptional({ example: true })
  @Omittable()
  @IsBoolean()
  leaderboardOptOut?: boolean;
}
