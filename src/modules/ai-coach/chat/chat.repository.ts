import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { deleteInBatches } from '../../../common/database/delete-in-batches';
import { KeysetPosition } from '../../../common/pagination/cursor';
import { newestFirstPage } from '../../../common/pagination/keyset';
import { ChatConversation } from './entities/chat-conversation.entity';
import { ChatMessage } from './entities/chat-message.entity';

export type NewChatMessage = Omit<ChatMessage, 'id' | 'updatedAt' | 'folded'>;

@Injectable()
export class ChatRepository {
  constructor(
    @InjectRepository(ChatConversation)
    private readonly conversations: Repository<ChatConversation>,
    @InjectRepository(ChatMessage) private readonly messages: Repository<ChatMessage>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The user's conversation, locked for the turn (UQ_chat_conversations_user); made if none. */
  async lockConversation(manager: EntityManager, userId: string): Promise<ChatConversation> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ChatConversation)
      .values({ userId })
      .orIgnore()
      .execute();
    return manager
      .getRepository(ChatConversation)
      .createQueryBuilder('conversation')
      .setLock('pessimistic_write')
      .where('conversation.userId = :userId', { userId })
      .getOneOrFail();
  }

  /** Unfolded messages, oldest first (IDX_chat_messages_user_unfolded, partial). */
  unfolded(manager: EntityManager, userId: string): Promise<ChatMessage[]> {
    return manager.getRepository(ChatMessage).find({
      where: { userId, folded: false },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async markFolded(manager: EntityManager, userId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.getRepository(ChatMessage).update({ userId, id: In(ids) }, { folded: true });
  }

  async insertMessages(manager: EntityManager, rows: NewChatMessage[]): Promise<ChatMessage[]> {
    const repository = manager.getRepository(ChatMessage);
    return repository.save(rows.map((row) => repository.create(row)));
  }

  async saveConversation(manager: EntityManager, conversation: ChatConversation): Promise<void> {
    await manager.getRepository(ChatConversation).save(conversation);
  }

  /** Newest first, keyset on (created_at, id): IDX_chat_messages_user_created. */
  findPage(
    userId: string,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<ChatMessage[]> {
    const query = this.messages
      .createQueryBuilder('message')
      .where('message.userId = :userId', { userId });
    return newestFirstPage(query, 'createdAt', before, limit).getMany();
  }

  findConversation(userId: string): Promise<ChatConversation | null> {
    return this.conversations.findOneBy({ userId });
  }

  /** Deletes the messages in batches (IDX_chat_messages_user_created), then the conversation. */
  async deleteAll(userId: string): Promise<number> {
    return this.db.transaction(async (manager) => {
      await manager.delete(ChatConversation, { userId });
      return deleteInBatches(manager, 'chat_messages', 'user_id = $1', [userId]);
    });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
