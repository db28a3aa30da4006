import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CHAT_LIMITS } from '../context-window';
import { ChatIntent } from '../chat-intents';
import type { ChatMessage } from '../entities/chat-message.entity';

export class SendChatMessageDto {
  @ApiProperty({
    minLength: 1,
    maxLength: CHAT_LIMITS.messageMaxChars,
    example: 'What is my best squat?',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(CHAT_LIMITS.messageMaxChars)
  message: string;
}

export class ChatMessageDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['user', 'assistant'], enumName: 'ChatRole', example: 'assistant' }) role:
    'user' | 'assistant';
  @ApiProperty({
    example:
      'Your best Barbell Squat is an estimated 1RM of 140 kg, from 120 kg × 5 on 2026-11-20.',
  })
  content: string;
  @ApiProperty({
    enum: ChatIntent,
    enumName: 'ChatIntent',
    nullable: true,
    description: 'The intent the answer was given for (assistant messages)',
  })
  intent: ChatIntent | null;
  @ApiProperty({
    enum: ['local', 'openai'],
    enumName: 'ChatProvider',
    nullable: true,
    description: 'Assistant messages: who wrote the answer',
  })
  provider: 'local' | 'openai' | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'fitai-chat-rules-1' })
  model: string | null;
  @ApiProperty({
    description:
      'True when the model was configured but its answer failed or quoted a number not in the facts, and the local provider answered',
  })
  fellBack: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    example: 812,
    description:
      'Assistant messages: tokens (cl100k_base) of the whole context the turn was answered with, never above the budget',
  })
  contextTokens: number | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;

  static from(row: ChatMessage): ChatMessageDto {
    return {
      id: row.id,
      role: row.role,
      content: row.content,
      intent: (row.intent as ChatIntent | null) ?? null,
      provider: row.provider,
      model: row.model,
      fellBack: row.fellBack,
      contextTokens: row.contextTokens,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

export class ChatContextDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 812,
    description: 'Tokens of this turn’s context',
  })
  tokens: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 2500, description: 'The context budget' })
  budget: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 120,
    description: 'Tokens of the rolling summary',
  })
  summaryTokens: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 14,
    description: 'Earlier messages sent in full (the others are in the summary)',
  })
  recentMessages: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2,
    description: 'Messages folded into the summary by this turn',
  })
  foldedNow: number;
}

export class ChatReplyDto {
  @ApiProperty({ type: ChatMessageDto, description: 'Your message, as stored' })
  message: ChatMessageDto;
  @ApiProperty({ type: ChatMessageDto, description: 'The coach’s answer, as stored' })
  reply: ChatMessageDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'The figures looked up for this answer (the only numbers it may quote); null when none were needed',
    example: { exercise: 'Barbell Squat', unit: 'kg', bestE1rm: 140, bestDate: '2026-11-20' },
  })
  facts: Record<string, unknown> | null;
  @ApiProperty({ type: ChatContextDto }) context: ChatContextDto;
}
