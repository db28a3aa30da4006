import { ApiProperty } from '@nestjs/swagger';
import type { ActiveSession } from '../refresh-tokens.repository';

export class SessionDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    description: 'Pass to DELETE /auth/sessions/{id} to sign it out',
  })
  id: string;
  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-20T08:00:00.000Z' })
  startedAt: string;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-11-21T07:45:00.000Z',
    description: 'Last sign-in or refresh',
  })
  lastActiveAt: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'FitAI/2.3 (iPhone; iOS 18.1)' })
  userAgent: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: '203.0.113.7' }) ip: string | null;
  @ApiProperty({ description: 'The session of the access token making this request' })
  current: boolean;

  static from(session: ActiveSession, currentSessionId: string): SessionDto {
    return {
      id: session.id,
      startedAt: new Date(session.startedAt).toISOString(),
      lastActiveAt: new Date(session.lastActiveAt).toISOString(),
      userAgent: session.userAgent,
      ip: session.ip,
      current: session.id === currentSessionId,
    };
  }
}
