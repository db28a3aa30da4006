import { ChatIntent } from './chat-intents';
import { medicalRefusal, MedicalRule } from './medical-rules';

export interface TrainedExercise {
  exerciseId: string;
  name: string;
  sessions: number;
}

/**
 * The figures looked up for one turn (ChatFactsService). `data` is null when there is nothing
 * to look up (help, unknown) or the question named no lift the user trained (`trained` then
 * lists their most trained ones).
 */
export interface ChatFacts {
  intent: ChatIntent;
  data: Record<string, unknown> | null;
  trained?: string[];
}

/** What the local provider can answer, said when it cannot (and to "help"). */
export const CAPABILITIES =
  'I can answer from your own data: your best lift ("what is my best squat?"), last week’s volume, your training streaks, what to train today, how your mood relates to training, your goals and your body weight.';

const fmt = (value: unknown): string => (typeof value === 'number' ? String(value) : String(value));
const list = (items: string[]): string =>
  items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * The local provider's answer: sentences around the facts, every number copied from them as
 * the API answers it (no rounding of its own), so the number check always passes.
 */
export function localAnswer(facts: ChatFacts, medical: MedicalRule[] = []): string {
  const d = facts.data as Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (facts.intent) {
    case ChatIntent.MedicalRefusal:
      return medicalRefusal(medical);
    case ChatIntent.LiftProgress: {
      if (!d) {
        return facts.trained && facts.trained.length > 0
          ? `I couldn't tell which lift you mean among those you trained. Your most trained lifts are ${list(facts.trained)}: ask me about one of them by name.`
          : 'You have no completed workouts with working sets yet, so I have no lift to report. Log a workout and ask me again.';
      }
      if (d.bestE1rm === null) {
        return `You trained ${d.exercise}, but no completed working set of it has an estimated 1RM yet.`;
      }
      const parts = [
        `Your best ${d.exercise} is an estimated 1RM of ${fmt(d.bestE1rm)} ${d.unit}, from ${fmt(d.bestSetWeight)} ${d.unit} × ${fmt(d.bestSetReps)} on ${d.bestDate}.`,
        `That is over ${fmt(d.sessions)} sessions between ${d.from} and ${d.to}.`,
      ];
      if (d.sessions > 1) {
        parts.push(
          `Your first session in that time was ${fmt(d.firstE1rm)} ${d.unit} (${d.firstDate}) and your latest ${fmt(d.latestE1rm)} ${d.unit} (${d.latestDate}).`,
        );
      }
      return parts.join(' ');
    }
    case ChatIntent.WeeklyVolume: {
      if (!d || d.lastWeekWorkouts === 0) {
        return `You logged no completed working sets last week (${d?.lastWeekFrom} to ${d?.lastWeekTo}), so your volume was 0 ${d?.unit}.`;
      }
      const muscles = (d.topMuscles as { muscle: string; sets: number }[]).map(
        (m) => `${m.muscle} (${fmt(m.sets)} sets)`,
      );
      return [
        `Last week (${d.lastWeekFrom} to ${d.lastWeekTo}) you lifted a volume of ${fmt(d.lastWeekVolume)} ${d.unit} in ${fmt(d.lastWeekSets)} working sets over ${fmt(d.lastWeekWorkouts)} workouts.`,
        muscles.length ? `Most sets went to ${list(muscles)}.` : '',
        `This week so far: ${fmt(d.thisWeekSoFarVolume)} ${d.unit}.`,
      ]
        .filter(Boolean)
        .join(' ');
    }
    case ChatIntent.Streaks:
      if (!d || d.workouts === 0) {
        return `You have no completed workouts in the last ${fmt(d?.weeks)} weeks, so there is no streak yet: one workout starts one.`;
      }
      return (
        `Your current streak is ${fmt(d.currentWeekStreak)} weeks in a row with a workout (longest: ${fmt(d.longestWeekStreak)}), ` +
        `and ${fmt(d.currentDayStreak)} days in a row (longest: ${fmt(d.longestDayStreak)}). ` +
        `Over the last ${fmt(d.weeks)} weeks you did ${fmt(d.workouts)} workouts, ${fmt(d.workoutsPerWeek)} per week.`
      );
    case ChatIntent.TrainToday: {
      const least = (d?.leastTrained ?? []) as { muscle: string; sets: number }[];
      const most = (d?.mostTrained ?? []) as { muscle: string; sets: number }[];
      const last = d?.lastWorkoutDate
        ? ` Your last completed workout was ${d.lastWorkoutName} on ${d.lastWorkoutDate}.`
        : ' You have no completed workout yet.';
      return (
        `Train ${list(least.map((m) => m.muscle))} today: since ${d?.from} they got the fewest working sets (${list(
          least.map((m) => `${m.muscle} ${fmt(m.sets)}`),
        )}), while ${list(most.map((m) => `${m.muscle} got ${fmt(m.sets)}`))}.` + last
      );
    }
    case ChatIntent.MoodTraining: {
      if (!d || d.averageMoodTrainingDays === null || d.averageMoodRestDays === null) {
        return `I need mood entries on both training days and rest days to compare them; in the last ${fmt(d?.weeks)} weeks you have ${fmt(d?.trainingDaysWithMood ?? 0)} training days and ${fmt(d?.restDaysWithMood ?? 0)} rest days with a mood.`;
      }
      const direction = d.difference > 0 ? 'higher' : d.difference < 0 ? 'lower' : 'the same as';
      return (
        `Over the last ${fmt(d.weeks)} weeks your mood averaged ${fmt(d.averageMoodTrainingDays)} on ${fmt(d.trainingDaysWithMood)} training days ` +
        `and ${fmt(d.averageMoodRestDays)} on ${fmt(d.restDaysWithMood)} rest days: ${direction === 'the same as' ? 'the same' : `${fmt(Math.abs(d.difference))} points ${direction}`} when you train. ` +
        'That is an association in your own entries, not proof that one causes the other.'
      );
    }
    case ChatIntent.Goals: {
      const goals = (d?.goals ?? []) as {
        title: string;
        unit: string;
        target: number;
        current: number | null;
        progress: number;
        deadline: string | null;
      }[];
      if (goals.length === 0)
        return 'You have no active goals. Set one and I can tell you how far along you are.';
      return goals
        .map(
          (g) =>
            `${g.title}: ${g.current === null ? 'no data yet' : `${fmt(g.current)} ${g.unit}`} of ${fmt(g.target)} ${g.unit}, ${fmt(g.progress)}% of the way${g.deadline ? `, due ${g.deadline}` : ''}.`,
        )
        .join(' ');
    }
    case ChatIntent.BodyWeight:
      if (!d || d.latest === null) {
        return 'You logged no body weight in the last 90 days, so I have nothing to report.';
      }
      return (
        `Your latest body weight is ${fmt(d.latest)} ${d.unit} (${d.latestDate}), from ${fmt(d.readings)} days with a reading since ${d.from}.` +
        (d.change !== null ? ` Change over that time: ${fmt(d.change)} ${d.unit}` : '') +
        (d.ratePerWeek !== null
          ? `, ${fmt(d.ratePerWeek)} ${d.unit} per week.`
          : d.change !== null
            ? '.'
            : '')
      );
    case ChatIntent.Help:
      return `Hi! ${CAPABILITIES}`;
    default:
      return `I can't answer that: I only answer questions about your own training and journal, and I don't make up figures. ${CAPABILITIES}`;
  }
}
