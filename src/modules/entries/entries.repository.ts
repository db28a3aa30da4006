import { preparedQuery } from '../../common/database/prepared-statement';
import {
  LocalDayRange,
  localDayRangeParams,
  localDayRangesSql,
} from '../../common/time/local-day-range';
import { withinLocalDaysSql } from '../../common/time/local-day-sql';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { isoInstantSql } from '../../common/time/iso-instant-sql';
import { DomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { writeWithEvents } from '../../infrastructure/events/publish-domain-events';
import { EntryDto } from './dto/entry.dto';
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

/**
 * An entry's columns as EntryDto writes them: instants as ISO 8601 strings, the numeric value
 * as a number. Every read and RETURNING selects them, so its rows are the answer as they come
 * from the driver: no entity hydration, no Date per instant.
 */
const ENTRY_DTO_COLUMNS = [
  'id',
  `${isoInstantSql('occurred_at')} AS "occurredAt"`,
  'type',
  'mood',
  'energy',
  'note',
  // As json, which the driver parses with JSON.parse: about twice as fast as its text[] parser.
  'to_json(tags) AS tags',
  // numeric(14,4) to float8: what Number() of its text gives.
  'value::float8 AS value',
  'unit',
  `${isoInstantSql('created_at')} AS "createdAt"`,
  `${isoInstantSql('updated_at')} AS "updatedAt"`,
].join(', ');

/** A range's mean mood and energy (null without any) and the entries that gave them. */
export interface RangeMoodEnergyRow {
  mood: number | null;
  moodEntries: number;
  energy: number | null;
  energyEntries: number;
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

  /** Inserts the entry and publishes `events` with it, in one statement. */
  async insert(entry: NewEntry, events: DomainEvent[]): Promise<EntryDto> {
    const [created] = await writeWithEvents<EntryDto>(
      this.entries.manager,
      {
        sql: `INSERT INTO entries (user_id, occurred_at, type, mood, energy, note, tags, value, unit)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
              RETURNING ${ENTRY_DTO_COLUMNS}`,
        parameters: [
          entry.userId,
          entry.occurredAt,
          entry.type,
          entry.mood,
          entry.energy,
          entry.note,
          entry.tags,
          entry.value,
          entry.unit,
        ],
      },
      ...events,
    );
    return created;
  }

  /** By primary key, scoped to the owner: another user's entry is simply not found. */
  async findOwned(userId: string, id: string): Promise<EntryDto | null> {
    const [entry]: EntryDto[] = await this.entries.query(
      `SELECT ${ENTRY_DTO_COLUMNS} FROM entries WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    return entry ?? null;
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
  findPage(userId: string, filter: EntryFilter): Promise<EntryDto[]> {
    const query = this.entries
      .createQueryBuilder('entry')
      .select(ENTRY_DTO_COLUMNS)
      .where('entry.userId = :userId', { userId });
    if (filter.from) query.andWhere('entry.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.occurredAt < :to', { to: filter.to });
    if (filter.type) query.andWhere('entry.type = :type', { type: filter.type });
    if (filter.tag) query.andWhere('entry.tags @> ARRAY[:tag]::text[]', { tag: filter.tag });
    return newestFirstPage(query, 'occurredAt', filter.before, filter.limit).getRawMany<EntryDto>();
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
  /**
   * Per range (in the order given): the mean mood and energy of the user's entries on its
   * days (in `timeZone`) and how many entries gave each, over IDX_entries_user_occurred.
   */
  moodAndEnergyByRange(
    userId: string,
    timeZone: string,
    ranges: readonly LocalDayRange[],
  ): Promise<RangeMoodEnergyRow[]> {
    return preparedQuery(
      this.entries,
      `SELECT avg(e.mood)::float8 AS mood, count(e.mood)::int AS "moodEntries",
              avg(e.energy)::float8 AS energy, count(e.energy)::int AS "energyEntries"
         FROM ${localDayRangesSql('$3', '$4', 'r')}
         LEFT JOIN entries e
                ON e.user_id = $1
               AND ${withinLocalDaysSql('e.occurred_at', '$2', 'r.first_day', 'r.last_day')}
        GROUP BY r.i
        ORDER BY r.i`,
      [userId, timeZone, ...localDayRangeParams(ranges)],
    );
  }
}
