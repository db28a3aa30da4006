import { escapeHtml, layout, RenderedEmail } from './html';

export function renderWelcomeEmail(input: { displayName: string; appUrl: string }): RenderedEmail {
  const name = input.displayName;
  return {
    subject: 'Welcome to FitAI',
    text: [
      `Hi ${name},`,
      '',
      'Welcome to FitAI. Log how you feel and how you train, and FitAI turns it into',
      'progress analytics, personal records and AI-written summaries.',
      '',
      `Get started: ${input.appUrl}`,
    ].join('\n'),
    html: layout(`Welcome, ${escapeHtml(name)}!`, [
      'Log how you feel and how you train, and FitAI turns it into progress analytics, personal records and AI-written summaries.',
      `<a href="${escapeHtml(input.appUrl)}">Get started</a>`,
    ]),
  };
}
