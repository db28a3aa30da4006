import { ChatIntent, detectIntent, intentByRules, matchExercise } from './chat-intents';

const none = { mentionsLift: false, previous: null };

describe('chat intents', () => {
  it.each([
    ['What is my best squat?', ChatIntent.LiftProgress],
    ['How did my bench progress?', ChatIntent.LiftProgress],
    ["What was last week's volume?", ChatIntent.WeeklyVolume],
    ['How many sets did I do last week?', ChatIntent.WeeklyVolume],
    ["What's my streak?", ChatIntent.Streaks],
    ['What should I train today?', ChatIntent.TrainToday],
    ['How does my mood relate to training?', ChatIntent.MoodTraining],
    ['How are my goals going?', ChatIntent.Goals],
    ['What do I weigh now?', ChatIntent.BodyWeight],
    ['hello', ChatIntent.Help],
    ['Who won the football yesterday?', ChatIntent.Unknown],
  ])('%p is %s', (message, intent) => {
    expect(detectIntent(message, none)).toBe(intent);
  });

  it('names the intent by words alone when a rule does, else null (a lift name may decide)', () => {
    expect(intentByRules("What's my streak?")).toBe(ChatIntent.Streaks);
    expect(intentByRules('What is my best squat?')).toBe(ChatIntent.LiftProgress);
    expect(intentByRules('and deadlift?')).toBeNull();
    expect(intentByRules('Who won the football yesterday?')).toBeNull();
  });

  it('takes a bare lift name as a lift question, and "and …?" as a follow-up', () => {
    expect(detectIntent('and deadlift?', { mentionsLift: true, previous: null })).toBe(
      ChatIntent.LiftProgress,
    );
    expect(detectIntent('and the week before?', { mentionsLift: false, previous: 'streaks' })).toBe(
      ChatIntent.Streaks,
    );
  });

  it('matches the trained exercise a message names, the closest name first', () => {
    const trained = [
      { name: 'Barbell Squat To A Bench', sessions: 9 },
      { name: 'Barbell Squat', sessions: 3 },
      { name: 'Barbell Bench Press - Medium Grip', sessions: 5 },
    ];
    expect(matchExercise('what is my best squat', trained)?.name).toBe('Barbell Squat');
    expect(matchExercise('my squats?', trained)?.name).toBe('Barbell Squat');
    expect(matchExercise('bench press best', trained)?.name).toBe(
      'Barbell Bench Press - Medium Grip',
    );
    expect(matchExercise('my best curl', trained)).toBeNull();
  });
});
