import { escapeHtml, layout, RenderedEmail } from './html';

export function renderPasswordChangedEmail(input: {
  displayName: string;
  changedAt: Date;
}): RenderedEmail {
  const when = input.changedAt.toUTCString();
  return {
    subject: 'Your FitAI password was changed',
    text: [
      `Hi ${input.displayName},`,
      '',
      `The password of your FitAI account was changed on ${when}. Every other device was signed out.`,
      'If this was not you, reset your password right away and contact support.',
    ].join('\n'),
    html: layout('Your password was changed', [
      `Hi ${escapeHtml(input.displayName)}, the password of your FitAI account was changed on ${escapeHtml(when)}. Every other device was signed out.`,
      'If this was not you, reset your password right away and contact support.',
    ]),
  };
}
