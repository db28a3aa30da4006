import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsTimeZone } from 'class-validator';
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

  static from(user: User): PreferencesDto {
    return {
      weightUnit: user.weightUnit,
      lengthUnit: user.lengthUnit,
      timeZone: user.timeZone,
      trainingLevel: user.trainingLevel,
      equipment: user.equipment,
      profileDiscoverable: user.profileDiscoverable,
      activityVisibility: user.activityVisibility,
      showRecordNumbers: user.showRecordNumbers,
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
}
