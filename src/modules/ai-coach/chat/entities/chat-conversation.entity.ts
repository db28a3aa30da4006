import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../../common/database/base.entity';

/**
 * A user's conversation with the chat coach (one per user): the rolling summary its oldest
 * turns were folded into, and what the next turn needs to stay multi-turn. Its messages are
 * `chat_messages`; DELETE /ai/chat/history removes both.
 */
@Entity('chat_conversations')
@Index('UQ_chat_conversations_user', ['userId'], { unique: true })
export class ChatConversation extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** The rolling summary of the folded turns, one line per turn, oldest lines dropped first. */
  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'int', default: 0 })
  summaryTokens: number;

  /** Messages folded into the summary so far (they stay in the history, out of the context). */
  @Column({ type: 'int', default: 0 })
  foldedMessages: number;

  /** The intent of the last answered turn: a follow-up ("and my bench?") reuses it. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  lastIntent: string | null;

  /** Tokens of the context the last turn was answered with. */
  @Column({ type: 'int', default: 0 })
  contextTokens: number;

  /** Instant of the last message: the next one is stored strictly after it (stable order). */
  @Column({ type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;
}
