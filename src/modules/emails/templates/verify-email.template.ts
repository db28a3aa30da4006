import { escapeHtml, layout, RenderedEmail } from './html';

export function renderVerifyEmail(input: {
  displayName: string;
  link: string;
  validHours: number;
}): RenderedEmail {
  return {
    subject: 'Confirm your email for FitAI',
    text: [
      `Hi ${input.displayName},`,
      '',
      'Confirm your email address to finish setting up your FitAI account:',
      input.link,
      '',
      `The link works once and expires in ${input.validHours} hours. If you did not sign up, ignore this email.`,
    ].join('\n'),
    html: layout(`Confirm your email, ${escapeHtml(input.displayName)}`, [
      'Confirm your email address to finish setting up your FitAI account.',
      `<a href="${escapeHtml(input.link)}">Confirm my email</a>`,
      `The link works once and expires in ${input.validHours} hours. If you did not sign up, ignore this email.`,
    ]),
  };
}
