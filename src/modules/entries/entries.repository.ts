import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { Entry, EntryType } from './entities/entry.entity';

export type NewEntry = Pick<
  Entry,
  'userId' | 'occurredAt' | 'type' | 'mood' | 'energy' | 'note' | 'tags' | 'value' | 'unit'
>;

export type EntryChanges = Partial<
  Pick<Entry, 'occurredAt' | 'type' | 'mood' | 'energy' | 'note' | 'tags' | 'value' | 'unit'>
>;

export interface EntryFilter {
  from?: Date;
  to?: Date;
  tag?: string;
  type?: EntryType;
  /** Return entries strictly before this keyset position (newest first). */
  before?: KeysetPosition;
  limit: number;
}

@Injectable()
export class EntriesRepository {
  constructor(@InjectRepository(Entry) private readonly entries: Repository<Entry>) {}

  /** Runs `work` in one transaction, with this repository and the manager bound to it. */
  inTransaction<T>(
    work: (tx: EntriesRepository, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.entries.manager.transaction((manager) =>
      work(new EntriesRepository(manager.getRepository(Entry)), manager),
    );
  }

  /** Inserts the entry; TypeORM merges the generated id and timestamps into the answer. */
  async insert(entry: NewEntry): Promise<Entry> {
    const row = this.entries.create(entry);
    await this.entries.insert(row);
    return row;
  }

  /** By primary key, scoped to the owner: another user's entry is simply not found. */
  findOwned(userId: string, id: string): Promise<Entry | null> {
    return this.entries.findOneBy({ id, userId });
  }

  async update(id: string, changes: EntryChanges): Promise<void> {
    await this.entries.update({ id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.entries.delete({ id });
  }

  /**
   * Newest first, keyset-paginated on (occurred_at, id): an index range scan on
   * IDX_entries_user_occurred (or IDX_entries_user_type_occurred with a type filter; the tag
   * filter uses IDX_entries_user_tags when it is selective). Fetches limit + 1 rows.
   */
  findPage(userId: string, filter: EntryFilter): Promise<Entry[]> {
    const query = this.entries
      .createQueryBuilder('entry')
      .where('entry.userId = :userId', { userId });
    if (filter.from) query.andWhere('entry.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.occurredAt < :to', { to: filter.to });
    if (filter.type) query.andWhere('entry.type = :type', { type: filter.type });
    if (filter.tag) query.andWhere('entry.tags @> ARRAY[:tag]::text[]', { tag: filter.tag });
    return newestFirstPage(query, 'occurredAt', filter.before, filter.limit).getMany();
  }

  /** The user's tags with how many entries carry each, most used first (IDX_entries_user_tags). */
  async tagCounts(
    userId: string,
    offset: number,
    limit: number,
  ): Promise<[{ tag: string; count: number }[], number]> {
    const rows: { tag: string; count: number; total: number }[] = await this.entries.query(
      `SELECT tag, count(*)::int AS count, count(*) OVER ()::int AS total
         FROM entries, unnest(tags) AS tag
        WHERE user_id = $1
        GROUP BY tag
        ORDER BY count DESC, tag ASC
        OFFSET $2 LIMIT $3`,
      [userId, offset, limit],
    );
    const total = rows[0]?.total ?? (offset > 0 ? await this.countTags(userId) : 0);
    return [rows.map(({ tag, count }) => ({ tag, count })), total];
  }

  private async countTags(userId: string): Promise<number> {
    const [{ total }] = await this.entries.query(
      'SELECT count(DISTINCT tag)::int AS total FROM entries, unnest(tags) AS tag WHERE user_id = $1',
      [userId],
    );
    return total as number;
  }
}
