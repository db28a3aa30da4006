import { localAnswer } from './chat-facts';
import { ChatIntent } from './chat-intents';
import { factNumbers, inventedNumbers } from './number-check';

const LIFT = {
  intent: ChatIntent.LiftProgress,
  data: {
    exercise: 'Barbell Squat',
    unit: 'kg',
    from: '2024-01-01',
    to: '2026-11-20',
    sessions: 3,
    bestE1rm: 141.67,
    bestDate: '2026-11-18',
    bestSetWeight: 125,
    bestSetReps: 4,
    firstE1rm: 116.67,
    firstDate: '2026-10-01',
    latestE1rm: 133.33,
    latestDate: '2026-11-20',
  },
};

describe('local answers', () => {
  it('quotes the best e1RM exactly as the facts hold it', () => {
    const answer = localAnswer(LIFT);
    expect(answer).toContain('141.67 kg');
    expect(answer).toContain('125 kg × 4 on 2026-11-18');
  });

  it.each([
    LIFT,
    {
      intent: ChatIntent.Streaks,
      data: {
        weeks: 52,
        workouts: 10,
        currentWeekStreak: 2,
        longestWeekStreak: 5,
        currentDayStreak: 1,
        longestDayStreak: 2,
        workoutsPerWeek: 0.19,
      },
    },
    {
      intent: ChatIntent.WeeklyVolume,
      data: {
        unit: 'kg',
        lastWeekFrom: '2026-11-09',
        lastWeekTo: '2026-11-15',
        lastWeekVolume: 12500,
        lastWeekWorkouts: 3,
        lastWeekSets: 30,
        topMuscles: [{ muscle: 'quadriceps', sets: 12 }],
        thisWeekSoFarVolume: 4000,
      },
    },
    {
      intent: ChatIntent.MoodTraining,
      data: {
        weeks: 8,
        trainingDaysWithMood: 4,
        restDaysWithMood: 6,
        averageMoodTrainingDays: 7.5,
        averageMoodRestDays: 6,
        difference: 1.5,
      },
    },
    {
      intent: ChatIntent.TrainToday,
      data: {
        from: '2026-11-09',
        to: '2026-11-20',
        leastTrained: [
          { muscle: 'chest', sets: 0 },
          { muscle: 'lats', sets: 2 },
        ],
        mostTrained: [{ muscle: 'quadriceps', sets: 12 }],
        lastWorkoutName: 'Legs',
        lastWorkoutDate: '2026-11-19',
      },
    },
  ])('never writes a number that is not in its facts ($intent)', (facts) => {
    expect(inventedNumbers(localAnswer(facts), factNumbers(facts))).toEqual([]);
  });

  it('says plainly what it cannot answer', () => {
    const answer = localAnswer({ intent: ChatIntent.Unknown, data: null });
    expect(answer).toMatch(/^I can't answer that/);
    expect(answer).toContain('best lift');
  });
});
