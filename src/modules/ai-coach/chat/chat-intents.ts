/**
 * The questions the local provider answers (docs/ai-chat.md, "Intents"), recognised by rules on
 * the lower-cased message, in this order. A message that names no intent but names a lift is a
 * follow-up of a lift question ("and my bench?"); anything else is `unknown`, answered plainly
 * with what the coach can and cannot do.
 */
export enum ChatIntent {
  MedicalRefusal = 'medical_refusal',
  MoodTraining = 'mood_training',
  LiftProgress = 'lift_progress',
  WeeklyVolume = 'weekly_volume',
  Streaks = 'streaks',
  TrainToday = 'train_today',
  Goals = 'goals',
  BodyWeight = 'body_weight',
  Help = 'help',
  Unknown = 'unknown',
}

interface IntentRule {
  intent: ChatIntent;
  test: (text: string) => boolean;
}

const LIFT_WORDS =
  /\b(best|max|maximum|pr|prs|personal (best|record)|1rm|e1rm|one rep max|strongest|heaviest|progress(ed|ing)?|stronger|improv(e|ed|ing))\b/;

export const INTENT_RULES: IntentRule[] = [
  {
    intent: ChatIntent.MoodTraining,
    test: (t) =>
      /\b(mood|moods|feel|feeling|happier|happy|energy|wellbeing)\b/.test(t) &&
      /\b(train(ing)?|workouts?|exercis(e|ing)|gym|lift(ing)?|sessions?)\b/.test(t),
  },
  {
    intent: ChatIntent.WeeklyVolume,
    test: (t) => /\b(volume|tonnage|sets?)\b/.test(t) && /\bweek/.test(t),
  },
  {
    intent: ChatIntent.Streaks,
    test: (t) => /\b(streaks?|in a row|consecutive|consisten(t|cy))\b/.test(t),
  },
  {
    intent: ChatIntent.TrainToday,
    test: (t) =>
      /\b(what|which)\b.*\b(train|work on|do|hit)\b.*\b(today|tonight)\b/.test(t) ||
      /\b(what|which)\b.*\b(should i|to) (train|work on|hit)\b/.test(t) ||
      /\b(train|workout) today\b/.test(t) ||
      /\bnext (workout|session)\b/.test(t),
  },
  { intent: ChatIntent.LiftProgress, test: (t) => LIFT_WORDS.test(t) },
  { intent: ChatIntent.Goals, test: (t) => /\bgoals?\b/.test(t) },
  { intent: ChatIntent.BodyWeight, test: (t) => /\b(weigh|body ?weight|my weight)\b/.test(t) },
  { intent: ChatIntent.WeeklyVolume, test: (t) => /\b(volume|tonnage)\b/.test(t) },
  {
    intent: ChatIntent.Help,
    test: (t) =>
      /^(hi|hello|hey|help|what can you do)\b/.test(t.trim()) || /\bwhat can you\b/.test(t),
  },
];

const normalised = (message: string) => message.toLowerCase().replace(/[’‘]/g, "'");

/** The intent the rules above give a message by its words alone, or null if none does. */
export function intentByRules(message: string): ChatIntent | null {
  const text = normalised(message);
  return INTENT_RULES.find((candidate) => candidate.test(text))?.intent ?? null;
}

/**
 * The intent of a message: by the rules above, else a lift question if it names a trained
 * lift, else a follow-up of `previous` (the previous turn's intent) for "and …?".
 */
export function detectIntent(
  message: string,
  options: { mentionsLift: boolean; previous: string | null },
): ChatIntent {
  const text = normalised(message);
  const rule = intentByRules(text);
  if (rule) return rule;
  if (options.mentionsLift) return ChatIntent.LiftProgress;
  if (options.previous && /^(and|what about|how about)\b/.test(text.trim())) {
    return options.previous as ChatIntent;
  }
  return ChatIntent.Unknown;
}

/** Words of a message that can name an exercise (lower case, 3+ letters, stop words out). */
const STOP = new Set([
  'what',
  'whats',
  'my',
  'the',
  'best',
  'is',
  'and',
  'how',
  'about',
  'with',
  'for',
  'max',
  'did',
  'does',
  'was',
  'has',
  'have',
  'been',
  'are',
  'your',
  'you',
  'me',
  'our',
  'progress',
  'current',
  'heaviest',
  'strongest',
  'personal',
  'record',
  'one',
  'rep',
  'e1rm',
  '1rm',
  'lift',
  'lifts',
  'going',
  'doing',
  'this',
  'that',
  'there',
  'can',
  'tell',
  'show',
  'estimated',
  'ever',
  'all',
  'time',
  'far',
  'now',
  'today',
  'week',
  'weeks',
  'last',
  'good',
  'much',
  'many',
  'am',
]);

function stem(word: string): string {
  return word.replace(/(es|s|ing)$/, '');
}

export function liftWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? [])
    .filter((word) => word.length >= 3 && !STOP.has(word))
    .map(stem);
}

/**
 * The trained exercise a message names: the one whose name shares the most words with it
 * (stems, so "squats" names "Barbell Squat"); ties go to the most trained. Null if none.
 */
export function matchExercise<T extends { name: string; sessions: number }>(
  message: string,
  exercises: T[],
): T | null {
  const words = new Set(liftWords(message));
  if (words.size === 0) return null;
  let best: { exercise: T; score: number } | null = null;
  for (const exercise of exercises) {
    const nameWords = new Set(liftWords(exercise.name));
    let score = 0;
    for (const word of nameWords) if (words.has(word)) score += 1;
    if (score === 0) continue;
    // Prefer names with fewer extra words ("Barbell Squat" over "Barbell Squat To A Bench").
    const rank = score - (nameWords.size - score) * 0.01;
    if (
      !best ||
      rank > best.score ||
      (rank === best.score && exercise.sessions > best.exercise.sessions)
    ) {
      best = { exercise, score: rank };
    }
  }
  return best?.exercise ?? null;
}
