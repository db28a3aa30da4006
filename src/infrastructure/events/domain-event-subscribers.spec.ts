import { assertSubscribersAreUnique } from './domain-event-subscribers';

describe('assertSubscribersAreUnique', () => {
  it('accepts distinct subscriber names', () => {
    expect(() =>
      assertSubscribersAreUnique([{ name: 'GoalsSubscribers.a' }, { name: 'GoalsSubscribers.b' }]),
    ).not.toThrow();
  });

  it('refuses to start when two methods share a name (a job would reach either)', () => {
    expect(() =>
      assertSubscribersAreUnique([{ name: 'GoalsSubscribers.a' }, { name: 'GoalsSubscribers.a' }]),
    ).toThrow(
      'Worker cannot start: more than one domain event subscriber named GoalsSubscribers.a',
    );
  });
});
