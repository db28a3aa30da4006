/**
 * Emitted (and awaited) after entries are created, changed or deleted, so that derived data
 * (cached summaries) covering those instants is invalidated before the response is sent.
 */
export const ENTRIES_CHANGED = 'entries.changed';

export class EntriesChangedEvent {
  constructor(
    readonly userId: string,
    /** Every instant whose period is affected: old and new occurredAt of an edit. */
    readonly occurredAt: Date[],
  ) {}
}
