import { ReportContent } from '../report-content';
import { ReportKind } from '../report.vocabulary';

/** A month of made-up but plausible data, for the renderer's tests and for looking at it. */
export function sampleContent(kind: ReportKind = ReportKind.Progress): ReportContent {
  const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
  return {
    kind,
    title: kind === ReportKind.Progress ? 'Monthly progress report' : 'Monthly goals report',
    ownerName: 'Ana Lifter',
    fromDate: '2026-11-01',
    toDate: '2026-11-30',
    timeZone: 'Europe/Paris',
    generatedAt: '2026-12-01T07:00:00.000Z',
    weightUnit: 'kg',
    headlines: [
      { label: 'Sessions', value: '13', change: '+3' },
      { label: 'Volume', value: '48 215 kg', change: '+12.4 %' },
      { label: 'Personal records', value: '5', change: '-2' },
      { label: 'Longest streak', value: '3 days', change: '+1' },
      { label: 'Body weight', value: '81.2 kg', change: '-1.3 kg' },
      { label: 'Average mood', value: '7.1', change: '+0.4' },
    ],
    charts: {
      weeklyVolume: [
        { weekStart: '2026-10-26', volume: 5400 },
        { weekStart: '2026-11-02', volume: 11800 },
        { weekStart: '2026-11-09', volume: 12950 },
        { weekStart: '2026-11-16', volume: 9100 },
        { weekStart: '2026-11-23', volume: 13200 },
        { weekStart: '2026-11-30', volume: 0 },
      ],
      e1rm: [
        {
          exercise: 'Barbell Bench Press - Medium Grip',
          points: days
            .filter((_, i) => i % 4 === 1)
            .map((date, i) => ({ date, e1rm: 92 + i * 1.2 })),
        },
        {
          exercise: 'Barbell Full Squat',
          points: days
            .filter((_, i) => i % 4 === 2)
            .map((date, i) => ({ date, e1rm: 128 + i * 1.8 })),
        },
      ],
      bodyWeight: days
        .filter((_, i) => i % 2 === 0)
        .map((date, i) => ({ date, value: 82.5 - i * 0.09 + ((i * 7) % 5) * 0.12 })),
      moodTraining: days.map((date, i) => ({
        date,
        mood: i % 3 === 2 ? null : 5 + ((i * 3) % 5),
        volume: i % 2 === 1 ? 3000 + ((i * 37) % 9) * 150 : 0,
      })),
      goalProgress: [
        { title: 'Bench 100 kg', percent: 72 },
        { title: 'Weigh 78 kg', percent: 35 },
        { title: 'Train 4 times a week', percent: 100 },
      ],
    },
    records: [
      {
        date: '2026-11-04',
        exercise: 'Barbell Bench Press - Medium Grip',
        kind: 'Best e1RM',
        value: '96.4 kg',
      },
      { date: '2026-11-12', exercise: 'Barbell Full Squat', kind: 'Max weight', value: '125 kg' },
    ],
    goals: [
      {
        title: 'Bench 100 kg',
        status: 'active',
        progress: '72 %',
        target: '100 kg',
        deadline: '2027-03-01',
      },
      { title: 'Weigh 78 kg', status: 'active', progress: '35 %', target: '78 kg', deadline: '-' },
      {
        title: 'Train 4 times a week',
        status: 'achieved',
        progress: '100 %',
        target: '4 sessions',
        deadline: '-',
      },
    ],
    insights: null,
  };
}
