import { addDays } from '../../../common/time/local-date';
import { analyse, AnalysisInput } from './insights.analysis';
import type { JournalDayRow, TrainingDayRow } from './insights.repository';
import { seededRandom } from './statistics';

const FIRST = '2026-06-01';
const DAYS = 120;
const LAST = addDays(FIRST, DAYS - 1);

/** A normal draw (Box–Muller) from a seeded generator. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Four months of days: training on ~45% of them (volume ~5000 kg), a mood entry every day
 * (noise around 6), tags "coffee" and "late" at random; `moodAfterTraining` is added to the
 * mood of the day after a training day.
 */
function generate(seed: number, moodAfterTraining = 0): AnalysisInput {
  const random = seededRandom(seed);
  const journal: JournalDayRow[] = [];
  const training: TrainingDayRow[] = [];
  let trainedYesterday = false;
  for (let i = -30; i < DAYS; i += 1) {
    const day = addDays(FIRST, i);
    const mood = 6 + normal(random) + (trainedYesterday ? moodAfterTraining : 0);
    const tags = [random() < 0.3 ? 'coffee' : null, random() < 0.2 ? 'late' : null].filter(
      (tag): tag is string => tag !== null,
    );
    journal.push({
      day,
      mood,
      energy: 6 + normal(random),
      entryTypes: random() < 0.3 ? ['mood', 'meal'] : ['mood'],
      tags,
      entryIds: [`entry-${day}`],
    });
    trainedYesterday = random() < 0.45;
    if (trainedYesterday) {
      training.push({
        day,
        sessions: 1,
        volumeKg: 5000 + 400 * normal(random),
        workoutIds: [`workout-${day}`],
      });
    }
  }
  return { firstDay: FIRST, lastDay: LAST, journal, training };
}

describe('insights analysis', () => {
  it('finds a planted "mood +1.5 the day after training" at lag 1, not at lag 0', () => {
    const input = generate(42, 1.5);
    const result = analyse(input);
    const keys = result.insights.map((insight) => insight.key);
    expect(keys).toContain('training→mood+1');
    expect(keys).not.toContain('training→mood+0');
    const found = result.insights.find((insight) => insight.key === 'training→mood+1')!;
    expect(found.effect).toBeGreaterThan(1);
    expect(found.effect).toBeLessThan(2);
    expect(found.qValue).toBeLessThanOrEqual(0.05);
    // The evidence is the exposed days: each a training day followed by its mood day.
    const trained = new Set(input.training.map((row) => row.day));
    for (const day of found.evidence) {
      expect(trained.has(day.date)).toBe(true);
      expect(day.outcomeDate).toBe(addDays(day.date, 1));
      expect(day.workoutIds).toContain(`workout-${day.date}`);
      expect(day.entryIds).toContain(`entry-${day.outcomeDate}`);
    }
    expect(found.evidenceTotal).toBe(found.exposedDays);
    expect(found.statement).toContain('On the day after you trained');
    expect(found.statement).toContain(String(found.exposedMean));
  });

  it.each([1, 2, 3, 4, 5, 6])('finds nothing in pure noise (seed %i)', (seed) => {
    const result = analyse(generate(seed));
    expect(result.tested).toBeGreaterThanOrEqual(10);
    expect(result.insights).toEqual([]);
  });

  it('flags a session far below the usual volume, with the stated threshold', () => {
    const input = generate(9);
    const target = input.training.filter((row) => row.day >= FIRST)[20];
    target.volumeKg = 1500;
    const result = analyse(input);
    const low = result.anomalies.filter((anomaly) => anomaly.kind === 'low_session_volume');
    expect(low.map((anomaly) => anomaly.date)).toEqual([target.day]);
    expect(low[0].robustZ).toBeLessThanOrEqual(-3.5);
    expect(low[0].threshold).toBe(-3.5);
    expect(low[0].workoutIds).toEqual(target.workoutIds);
  });

  it('flags a mood dip against the previous 28 days', () => {
    const input = generate(10);
    const target = input.journal.find((row) => row.day === addDays(FIRST, 50))!;
    target.mood = 1;
    const dips = analyse(input).anomalies.filter((anomaly) => anomaly.kind === 'mood_dip');
    expect(dips.map((anomaly) => anomaly.date)).toContain(target.day);
    expect(dips.find((anomaly) => anomaly.date === target.day)!.entryIds).toEqual(target.entryIds);
  });

  it('relates sleep-like tags to the next session relative to the recent norm', () => {
    const input = generate(12);
    const trained = new Set(input.training.map((row) => row.day));
    // "slept badly" the day before half the sessions, which then reach only 70% of the volume.
    let tagged = 0;
    for (const row of input.training) {
      const before = input.journal.find((day) => day.day === addDays(row.day, -1));
      if (!before || row.day < FIRST || tagged % 2 === 1 || trained.has(before.day)) {
        tagged += 1;
        continue;
      }
      tagged += 1;
      before.tags = [...before.tags, 'slept badly'];
      row.volumeKg *= 0.7;
    }
    const found = analyse(input).insights.find(
      (insight) => insight.key === 'sleep_tag:slept badly→performance+1',
    );
    expect(found).toBeDefined();
    expect(found!.effect).toBeLessThan(-15);
    expect(found!.statement).toContain('On the day after a "slept badly" tag');
  });
});
