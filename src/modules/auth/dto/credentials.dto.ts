import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { normalizeEmail, trimString } from '../../../common/validation/transforms';
import { Omittable } from '../../../common/validation/presence';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export class LoginDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com' })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    example: 'correct horse battery staple',
  })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password: string;
}

export class RegisterDto extends LoginDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 80,
    example: 'Ada',
    description: 'Defaults to the part of the email before the @',
  })
  @Omittable()
  @Transform(trimString)
  @IsString()
  @Length(1, 80)
  displayName?: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'mJ3v0q8n2y1K5c7X9a0b4d6f8h1j3l5n7p9r1t3v5x7', maxLength: 128 })
  @IsString()
  @Length(1, 128)
  refreshToken: string;
}
