import { completeSentences } from './ai-stream';

describe('completeSentences', () => {
  it('releases complete sentences and keeps the rest', () => {
    expect(completeSentences('Your best is 140. You lif')).toEqual([
      'Your best is 140.',
      ' You lif',
    ]);
    expect(completeSentences('No end yet')).toEqual(['', 'No end yet']);
  });

  it('does not cut a decimal number that is still arriving', () => {
    expect(completeSentences('Your best is 140.')).toEqual(['', 'Your best is 140.']);
    expect(completeSentences('Your best is 140.5 kg. Next')).toEqual([
      'Your best is 140.5 kg.',
      ' Next',
    ]);
  });
});
