import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, Matches } from 'class-validator';
import { QueueName } from '../../../infrastructure/queues/job-registry';

export class QueueParamDto {
  @ApiProperty({ enum: QueueName, enumName: 'QueueName', example: QueueName.Accounts })
  @IsEnum(QueueName)
  queue: QueueName;
}

export class FailedJobParamDto extends QueueParamDto {
  @ApiProperty({
    pattern: '^[\\w:.-]{1,200}$',
    example: '42',
    description: 'The job id from the failed list',
  })
  @IsString()
  @Matches(/^[\w:.-]{1,200}$/, { message: 'jobId must be a job id from the failed list' })
  jobId: string;
}

export class QueueCountsDto {
  @ApiProperty({ enum: QueueName, enumName: 'QueueName', example: QueueName.Emails })
  name: QueueName;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) waiting: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) active: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) delayed: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2,
    description: 'The dead-letter set: jobs that failed every attempt',
  })
  failed: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) paused: number;
}

export class QueuesDto {
  @ApiProperty({ type: [QueueCountsDto] }) items: QueueCountsDto[];
}

export class FailedJobDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: 'send-verification-email' }) name: string;
  @ApiProperty({ example: 'SMTP 550: 5.1.1 mailbox unavailable' }) failedReason: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) attemptsMade: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) failedAt: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { userId: '5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11', requestId: 'trace-1' },
    description: 'The payload: ids and the request id, never secrets',
  })
  data: Record<string, unknown>;
}

export class QueueBoardLinkDto {
  @ApiProperty({
    example: '/api/v1/admin/queues/board/login?ticket=Qm9hcmQ',
    description:
      'Open it in a browser within `expiresInSeconds`: it works once, sets the dashboard cookie and shows the board',
  })
  url: string;

  @ApiProperty({ type: 'integer', example: 60 })
  expiresInSeconds: number;
}
