import { ApiProperty } from '@nestjs/swagger';
import { UserDto } from '../../users/dto/user.dto';

export class TokenResponseDto {
  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
    description: 'Short-lived JWT',
  })
  accessToken: string;

  @ApiProperty({
    example: 'mJ3v0q8n2y1K5c7X9a0b4d6f8h1j3l5n7p9r1t3v5x7',
    description: 'Opaque, single use: every refresh returns a new one',
  })
  refreshToken: string;

  @ApiProperty({ type: 'string', example: 'Bearer', enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 900,
    description: 'Seconds until the access token expires',
  })
  expiresIn: number;
}

export class AuthResponseDto extends TokenResponseDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;
}
