import { medicalRefusal, medicalRulesHit } from './medical-rules';

describe('medical rules', () => {
  it.each([
    ['My knee hurts when I squat, is it a meniscus tear?', 'pain-judgement'],
    ['Can you diagnose my shoulder?', 'diagnosis'],
    ['Do I have tendinitis?', 'condition'],
    ['How much ibuprofen should I take before training?', 'medication'],
    ['I get chest pain during deadlifts', 'red-flag'],
    ['My lower back is sore, what is wrong with it?', 'pain-judgement'],
  ])('refuses %p (%s)', (message, rule) => {
    expect(medicalRulesHit(message).map((r) => r.id)).toContain(rule);
  });

  it.each([
    'What is my best squat?',
    'How much volume did I do last week?',
    'What should I train today?',
    'Does my mood relate to training?',
  ])('lets a training question through: %p', (message) => {
    expect(medicalRulesHit(message)).toEqual([]);
  });

  it('says to seek prompt care for red-flag symptoms only', () => {
    expect(medicalRefusal(medicalRulesHit('I fainted after squats'))).toContain('prompt care');
    expect(medicalRefusal(medicalRulesHit('Do I have tendinitis?'))).not.toContain('prompt care');
    expect(medicalRefusal([])).toContain("can't give medical advice");
  });
});
