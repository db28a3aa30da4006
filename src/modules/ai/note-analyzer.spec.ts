import { NoteAnalyzer } from './note-analyzer';
import { WEEK_NOTES } from './testing/statistics.fixture';

describe('NoteAnalyzer', () => {
  const analyzer = new NoteAnalyzer();

  it('gives nothing for no notes (or blank ones)', () => {
    expect(analyzer.analyze([])).toEqual({
      sentimentScore: null,
      sentimentLabel: null,
      keyPhrases: [],
    });
    expect(analyzer.analyze(['  ', ''])).toEqual({
      sentimentScore: null,
      sentimentLabel: null,
      keyPhrases: [],
    });
  });

  it('scores positive notes above zero and negative notes below', () => {
    const positive = analyzer.analyze([
      'Felt great after yoga, calm and relaxed.',
      'A good run today, really happy with it.',
    ]);
    const negative = analyzer.analyze([
      'Terrible sleep, sore knee, skipped the gym.',
      'Stressed and anxious, awful headache all afternoon.',
    ]);
    expect(positive.sentimentScore).toBeGreaterThan(0.1);
    expect(positive.sentimentLabel).toBe('positive');
    expect(negative.sentimentScore).toBeLessThan(-0.1);
    expect(negative.sentimentLabel).toBe('negative');
    expect(positive.sentimentScore).toBeLessThanOrEqual(1);
    expect(negative.sentimentScore).toBeGreaterThanOrEqual(-1);
  });

  it('finds the phrases the notes keep coming back to, most salient first', () => {
    const insights = analyzer.analyze(WEEK_NOTES);
    expect(insights.keyPhrases[0]).toBe('work deadline');
    expect(insights.keyPhrases).toEqual(expect.arrayContaining(['morning', 'run']));
    expect(insights.keyPhrases.length).toBeLessThanOrEqual(8);
    // A word inside a chosen phrase is not repeated on its own; stop words never appear.
    expect(insights.keyPhrases).not.toContain('deadline');
    expect(insights.keyPhrases).not.toContain('and');
  });

  it('is deterministic', () => {
    expect(analyzer.analyze(WEEK_NOTES)).toEqual(analyzer.analyze([...WEEK_NOTES]));
  });
});
