import { Injectable, NotFoundException } from '@nestjs/common';
import { createOnce } from '../../common/idempotency/idempotent-create';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { keysetOf } from '../../common/pagination/cursor-query.dto';
import { Page, toPage } from '../../common/pagination/page';
import { offsetOf, PageQueryDto } from '../../common/pagination/page-query.dto';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { publishDomainEvents } from '../../infrastructure/events/publish-domain-events';
import { CreateEntryDto } from './dto/create-entry.dto';
import { EntryDto } from './dto/entry.dto';
import { ListEntriesQueryDto } from './dto/list-entries-query.dto';
import { TagCountDto } from './dto/tag-count.dto';
import { UpdateEntryDto } from './dto/update-entry.dto';
import { LocalDayRange } from '../../common/time/local-day-range';
import { EntriesRepository, EntryChanges, RangeMoodEnergyRow } from './entries.repository';

export interface CreatedEntry {
  entry: EntryDto;
  /** True when the Idempotency-Key matched an earlier request: nothing new was created. */
  replayed: boolean;
}

/** `entries.changed` for the periods around these instants (ISO 8601; old and new of an edit). */
function entriesChanged(userId: string, occurredAt: string[]) {
  return domainEvent('entries.changed', { userId, occurredAt: [...new Set(occurredAt)] });
}

/**
 * The journal. Every write publishes `entries.changed` with it (in its statement, or in its
 * transaction); summaries covering those instants are invalidated by their subscriber.
 */
@Injectable()
export class EntriesService {
  constructor(private readonly entries: EntriesRepository) {}

  /**
   * For other modules (analytics): per range of local days in `timeZone`, the mean mood and
   * energy of the entries on its days and how many entries gave each.
   */
  moodAndEnergyByRange(
    userId: string,
    timeZone: string,
    ranges: readonly LocalDayRange[],
  ): Promise<RangeMoodEnergyRow[]> {
    return this.entries.moodAndEnergyByRange(userId, timeZone, ranges);
  }

  /**
   * With an Idempotency-Key (validated by the controller), a retry answers the entry created
   * first (common/idempotency): one entry and one `entries.changed` however often it is sent.
   */
  async create(
    userId: string,
    dto: CreateEntryDto,
    idempotencyKey?: string,
  ): Promise<CreatedEntry> {
    const occurredAt = dto.occurredAt ?? new Date();
    const entry = {
      userId,
      occurredAt,
      type: dto.type,
      mood: dto.mood ?? null,
      energy: dto.energy ?? null,
      note: dto.note ?? null,
      tags: dto.tags ?? [],
      value: dto.value == null ? null : String(dto.value),
      unit: dto.unit ?? null,
    };
    const events = [entriesChanged(userId, [occurredAt.toISOString()])];
    // The common case: the entry and its event in one statement, no transaction.
    if (idempotencyKey === undefined) {
      return { entry: await this.entries.insert(entry, events), replayed: false };
    }
    let created: EntryDto | undefined;
    const { id, replayed } = await this.entries.inTransaction((tx, manager) =>
      createOnce(
        manager,
        { userId, key: idempotencyKey, scope: 'entries.create', request: dto },
        async () => (created = await tx.insert(entry, events)).id,
      ),
    );
    if (!replayed) return { entry: created!, replayed };
    const earlier = await this.entries.findOwned(userId, id);
    if (!earlier) {
      throw new NotFoundException('The entry this Idempotency-Key created has since been deleted.');
    }
    return { entry: earlier, replayed };
  }

  async list(userId: string, query: ListEntriesQueryDto): Promise<CursorPage<EntryDto>> {
    const rows = await this.entries.findPage(userId, {
      from: query.from,
      to: query.to,
      tag: query.tag,
      type: query.type,
      before: keysetOf(query),
      limit: query.limit,
    });
    return toCursorPage(
      rows,
      query.limit,
      (entry) => ({ at: new Date(entry.occurredAt), id: entry.id }),
      (entry) => entry,
    );
  }

  get(userId: string, id: string): Promise<EntryDto> {
    return this.owned(userId, id);
  }

  async update(userId: string, id: string, dto: UpdateEntryDto): Promise<EntryDto> {
    const before = await this.owned(userId, id);
    const changes: EntryChanges = {
      ...dto,
      value: dto.value === undefined ? undefined : dto.value === null ? null : String(dto.value),
    };
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(defined).length === 0) return before;
    return this.entries.inTransaction(async (tx, manager) => {
      await tx.update(id, defined);
      const entry = (await tx.findOwned(userId, id))!;
      await publishDomainEvents(
        manager,
        entriesChanged(userId, [before.occurredAt, entry.occurredAt]),
      );
      return entry;
    });
  }

  async remove(userId: string, id: string): Promise<void> {
    const entry = await this.owned(userId, id);
    await this.entries.inTransaction(async (tx, manager) => {
      await tx.delete(entry.id);
      await publishDomainEvents(manager, entriesChanged(userId, [entry.occurredAt]));
    });
  }

  async tags(userId: string, page: PageQueryDto): Promise<Page<TagCountDto>> {
    const [items, total] = await this.entries.tagCounts(userId, offsetOf(page), page.limit);
    return toPage(items, total, page);
  }

  private async owned(userId: string, id: string): Promise<EntryDto> {
    const entry = await this.entries.findOwned(userId, id);
    if (!entry) throw new NotFoundException('No such entry.');
    return entry;
  }
}
