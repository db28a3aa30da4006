import { Injectable } from '@nestjs/common';
import { PublishedDomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../infrastructure/events/on-domain-event.decorator';
import { SummariesService } from './summaries.service';

/** What summaries react to (in the worker): journal changes make summaries stale. */
@Injectable()
export class SummariesSubscribers {
  constructor(private readonly summaries: SummariesService) {}

  @OnDomainEvent('entries.changed')
  entriesChanged({ payload }: PublishedDomainEvent<'entries.changed'>): Promise<void> {
    return this.summaries.invalidate(
      payload.userId,
      payload.occurredAt.map((at) => new Date(at)),
    );
  }
}
