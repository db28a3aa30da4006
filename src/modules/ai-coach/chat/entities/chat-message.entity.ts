import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../../common/database/base.entity';

export type ChatRole = 'user' | 'assistant';

/**
 * One message of the chat (the user's or the coach's). `folded` messages were summarised into
 * the conversation's rolling summary and are no longer sent as context; they stay in the history.
 */
@Entity('chat_messages')
@Index('IDX_chat_messages_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_chat_messages_user_unfolded', ['userId', 'createdAt'], { where: '"folded" = false' })
export class ChatMessage extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  role: ChatRole;

  @Column({ type: 'text' })
  content: string;

  /** cl100k_base tokens of `content` (js-tiktoken), counted once when stored. */
  @Column({ type: 'int' })
  tokens: number;

  @Column({ type: 'boolean', default: false })
  folded: boolean;

  /** Assistant messages: the intent answered, e.g. 'lift_progress', 'medical_refusal'. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  intent: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  provider: 'local' | 'openai' | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  model: string | null;

  @Column({ type: 'boolean', default: false })
  fellBack: boolean;

  /** Assistant messages: tokens of the whole context the turn was answered with. */
  @Column({ type: 'int', nullable: true })
  contextTokens: number | null;
}
