import {
  endOfLocalDaySql,
  localDaySql,
  localMidnightSql,
  withinLocalDaysSql,
} from './local-day-sql';

describe('local day SQL', () => {
  it('bounds local days by local midnights', () => {
    expect(localMidnightSql('$3', '$2')).toBe('($3::date::timestamp AT TIME ZONE $2)');
    expect(endOfLocalDaySql('$4', '$2')).toBe('(($4::date + 1)::timestamp AT TIME ZONE $2)');
    expect(withinLocalDaysSql('w.session_at', '$2', '$3', '$4')).toBe(
      'w.session_at >= ($3::date::timestamp AT TIME ZONE $2) AND ' +
        'w.session_at < (($4::date + 1)::timestamp AT TIME ZONE $2)',
    );
  });

  it('names the local day of an instant', () => {
    expect(localDaySql('w.session_at', '$2')).toBe(
      "to_char(w.session_at AT TIME ZONE $2, 'YYYY-MM-DD')",
    );
  });
});
