import {
  sessionLoad,
  SessionLoadInput,
  trainingLoad,
  zoneOf,
  DEFAULT_SESSION_RPE,
} from './training-load';

const DAY = 86_400_000;
const AS_OF = new Date('2026-03-01T12:00:00Z');
const daysAgo = (days: number) => new Date(AS_OF.getTime() - days * DAY);
const session = (days: number, minutes: number, rpe: number | null): SessionLoadInput => ({
  at: daysAgo(days),
  durationMinutes: minutes,
  sessionRpe: rpe,
});

describe('training load (session RPE, acute:chronic workload ratio)', () => {
  it('matches the worked example computed by hand', () => {
    /*
     * Worked example (docs/ai-coach.md, "Training load"):
     * - Weeks 4, 3 and 2 before AS_OF: 3 sessions a week of 60 min at RPE 6
     *   = 6 × 60 = 360 AU each, 1,080 AU a week, 3,240 AU over the three weeks.
     * - The last 7 days: 3 sessions of 90 min at RPE 8 = 720 AU each: acute = 2,160 AU.
     * - One session 40 days ago (200 min at RPE 10) is outside the 28-day window.
     * Chronic = (3,240 + 2,160) / 4 = 5,400 / 4 = 1,350 AU a week.
     * ACWR = 2,160 / 1,350 = 1.6 > 1.5: zone 'high' (Gabbett 2016).
     */
    const sessions = [
      session(40, 200, 10),
      ...[26, 24, 22, 19, 17, 15, 12, 10, 8].map((d) => session(d, 60, 6)),
      ...[5, 3, 1].map((d) => session(d, 90, 8)),
    ];
    expect(sessionLoad(6, 60)).toBe(360);
    expect(trainingLoad(sessions, daysAgo(40), AS_OF)).toEqual({
      acuteLoad: 2160,
      chronicWeeklyLoad: 1350,
      acwr: 1.6,
      zone: 'high',
      sessionsAcute: 3,
      sessionsChronic: 12,
      sessionsWithoutRpe: 0,
      historyDays: 40,
    });
  });

  it('counts a session exactly 7 (28) days old out of the acute (chronic) window', () => {
    // 7 days ago: chronic only; 28 days ago: neither; now: both.
    const load = trainingLoad(
      [session(28, 60, 5), session(7, 60, 5), session(0, 60, 5)],
      daysAgo(60),
      AS_OF,
    );
    // acute 300; chronic (300 + 300) / 4 = 150; ratio 2.
    expect(load).toMatchObject({ acuteLoad: 300, chronicWeeklyLoad: 150, acwr: 2 });
  });

  it('gives an unrated session the mean RPE of the rated ones, else the default', () => {
    // Rated: 60 min at RPE 7 (420 AU); unrated 30 min at 7 (210 AU). Chronic 630 / 4 = 157.5.
    const mixed = trainingLoad([session(2, 60, 7), session(1, 30, null)], daysAgo(30), AS_OF);
    expect(mixed).toMatchObject({
      acuteLoad: 630,
      chronicWeeklyLoad: 157.5,
      acwr: 4,
      sessionsWithoutRpe: 1,
    });
    const unrated = trainingLoad([session(1, 60, null)], daysAgo(30), AS_OF);
    expect(unrated.acuteLoad).toBe(DEFAULT_SESSION_RPE * 60);
  });

  it('has no ratio with less than three weeks of history, nor without any chronic load', () => {
    const young = trainingLoad([session(1, 60, 8)], daysAgo(20), AS_OF);
    expect(young).toMatchObject({ acwr: null, zone: 'unknown', historyDays: 20 });
    expect(trainingLoad([], daysAgo(100), AS_OF)).toMatchObject({ acwr: null, zone: 'unknown' });
    expect(trainingLoad([], null, AS_OF)).toMatchObject({ acwr: null, historyDays: null });
  });

  it('ignores sessions after the instant it is computed for', () => {
    const load = trainingLoad([session(-1, 60, 8), session(1, 60, 8)], daysAgo(40), AS_OF);
    expect(load).toMatchObject({ sessionsAcute: 1, acuteLoad: 480 });
  });

  it('names the zones of Gabbett 2016', () => {
    expect([null, 0.5, 0.8, 1.3, 1.31, 1.5, 1.51].map(zoneOf)).toEqual([
      'unknown',
      'low',
      'optimal',
      'optimal',
      'caution',
      'caution',
      'high',
    ]);
  });
});
