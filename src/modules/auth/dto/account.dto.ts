import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { normalizeEmail } from '../../../common/validation/transforms';
import { PASSWORD_MAX, PASSWORD_MIN } from './credentials.dto';

export class EmailAddressDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com' })
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;
}

export class EmailTokenQueryDto {
  @ApiProperty({
    description: 'The token from the email link',
    example: 'mJ3v0q8n2y1K5c7X9a0b4d6f8h1j3l5n7p9r1t3v5x7',
  })
  @IsString()
  @Length(1, 128)
  token: string;
}

export class ResetPasswordDto extends EmailTokenQueryDto {
  @ApiProperty({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    example: 'a new long passphrase',
  })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  newPassword: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, PASSWORD_MAX)
  currentPassword: string;

  @ApiProperty({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    example: 'a new long passphrase',
  })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  newPassword: string;
}

export class AcceptedDto {
  @ApiProperty({
    example: 'If an account exists for this address, an email is on its way.',
    description: 'The same answer whether or not the address has an account',
  })
  message: string;
}

export class EmailVerifiedDto {
  @ApiProperty({ type: 'boolean', enum: [true], example: true }) emailVerified: true;
}
