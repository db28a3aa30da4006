import { SetType } from './set-type.vocabulary';
import { isWorkingSet, workingSetSql } from './working-sets.vocabulary';

describe('working sets', () => {
  it('counts completed sets that are not warm-ups', () => {
    expect(isWorkingSet({ completed: true, setType: SetType.Normal })).toBe(true);
    expect(isWorkingSet({ completed: true, setType: SetType.Drop })).toBe(true);
    expect(isWorkingSet({ completed: true, setType: SetType.WarmUp })).toBe(false);
    expect(isWorkingSet({ completed: false, setType: SetType.Normal })).toBe(false);
  });

  it('states the same rule in SQL, with or without an alias', () => {
    expect(workingSetSql('s')).toBe("s.completed AND s.set_type <> 'warm_up'");
    expect(workingSetSql()).toBe("completed AND set_type <> 'warm_up'");
  });
});
