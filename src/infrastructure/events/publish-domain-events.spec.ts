import { EntityManager } from 'typeorm';
import { RequestContext } from '../../common/http/request-context';
import { domainEvent } from './domain-event-catalogue';
import {
  publishDomainEvents,
  withOutboxInsert,
  withOutboxInsertPerRow,
} from './publish-domain-events';

function managerDouble(inTransaction: boolean) {
  const query = jest.fn().mockResolvedValue([]);
  const queryRunner = { isTransactionActive: inTransaction, data: {} };
  const manager = { queryRunner, query };
  return { manager: manager as unknown as EntityManager, query, queryRunner };
}

describe('publishDomainEvents', () => {
  it('writes every event in one statement with the request id, in the caller’s transaction', async () => {
    const { manager, query, queryRunner } = managerDouble(true);
    await RequestContext.run({ requestId: 'req-1' }, () =>
      publishDomainEvents(
        manager,
        domainEvent('goal.achieved', { userId: 'u', goalId: 'g' }),
        domainEvent('goal.milestone-reached', { userId: 'u', goalId: 'g', percent: 100 }),
      ),
    );
    expect(query).toHaveBeenCalledTimes(1);
    const [sql, [events, requestId]] = query.mock.calls[0];
    expect(sql).toContain('INSERT INTO domain_events');
    expect(JSON.parse(events)).toEqual([
      { name: 'goal.achieved', payload: { userId: 'u', goalId: 'g' } },
      { name: 'goal.milestone-reached', payload: { userId: 'u', goalId: 'g', percent: 100 } },
    ]);
    expect(requestId).toBe('req-1');
    // The relay is woken when that transaction commits (OutboxCommitSubscriber), not before.
    expect(Object.values(queryRunner.data)).toEqual([true]);
  });

  it('refuses a manager outside a transaction (the event could outlive its fact)', async () => {
    const { manager, query } = managerDouble(false);
    await expect(
      publishDomainEvents(manager, domainEvent('goal.achieved', { userId: 'u', goalId: 'g' })),
    ).rejects.toThrow('needs the manager of an open transaction');
    expect(query).not.toHaveBeenCalled();
  });

  it('does nothing for no events', async () => {
    const { manager, query } = managerDouble(false);
    await publishDomainEvents(manager);
    expect(query).not.toHaveBeenCalled();
  });
});

describe('withOutboxInsert', () => {
  const write = {
    sql: 'INSERT INTO things (user_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
    parameters: ['u', 'thing'],
  };
  const achieved = domainEvent('goal.achieved', { userId: 'u', goalId: 'g' });

  it('appends the outbox insert to the write, numbering its parameters after the write’s', () => {
    const statement = RequestContext.run({ requestId: 'req-2' }, () =>
      withOutboxInsert(write, achieved),
    );
    const sql = statement.sql.replace(/\s+/g, ' ');
    expect(sql).toMatch(/^WITH written AS \(INSERT INTO things .* RETURNING id\), published AS/);
    expect(sql).toContain('INSERT INTO domain_events (name, payload, request_id) SELECT');
    expect(sql).toContain('$4 FROM jsonb_to_recordset($3::jsonb)');
    // No event for a write that wrote nothing; the answer is the write's RETURNING rows.
    expect(sql).toMatch(/WHERE EXISTS \(SELECT 1 FROM written\)\) SELECT \* FROM written$/);
    expect(statement.parameters).toEqual(['u', 'thing', JSON.stringify([achieved]), 'req-2']);
  });

  it('leaves a write without events as it is', () => {
    expect(withOutboxInsert(write)).toBe(write);
  });
});

describe('withOutboxInsertPerRow', () => {
  const write = {
    sql: 'UPDATE things SET done = true WHERE id = ANY($1) RETURNING id',
    parameters: [['a', 'b']],
  };
  const achieved = (goalId: string) => domainEvent('goal.achieved', { userId: 'u', goalId });

  it('inserts each row’s events, joined to the rows the write returned, each with its own request id', () => {
    const statement = withOutboxInsertPerRow(write, 'id', [
      { key: 'a', events: [achieved('a')], requestId: 'req-a' },
      { key: 'b', events: [achieved('b')], requestId: null },
    ]);
    const sql = statement.sql.replace(/\s+/g, ' ');
    expect(sql).toMatch(/^WITH written AS \(UPDATE things .* RETURNING id\), published AS/);
    expect(sql).toContain('FROM jsonb_to_recordset($2::jsonb)');
    expect(sql).toContain('JOIN written ON written."id"::text = e.key) SELECT * FROM written');
    expect(statement.parameters).toEqual([
      ['a', 'b'],
      JSON.stringify([
        { key: 'a', ...achieved('a'), request_id: 'req-a' },
        { key: 'b', ...achieved('b'), request_id: null },
      ]),
    ]);
  });

  it('leaves a write without events as it is', () => {
    expect(withOutboxInsertPerRow(write, 'id', [{ key: 'a', events: [], requestId: null }])).toBe(
      write,
    );
  });
});
