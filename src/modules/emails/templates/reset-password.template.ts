import { escapeHtml, layout, RenderedEmail } from './html';

export function renderResetPasswordEmail(input: {
  displayName: string;
  link: string;
  validMinutes: number;
}): RenderedEmail {
  return {
    subject: 'Reset your FitAI password',
    text: [
      `Hi ${input.displayName},`,
      '',
      'Someone (hopefully you) asked to reset the password of your FitAI account. Choose a new one here:',
      input.link,
      '',
      `The link works once and expires in ${input.validMinutes} minutes. If it was not you, ignore this email: your password stays as it is.`,
    ].join('\n'),
    html: layout('Reset your password', [
      `Hi ${escapeHtml(input.displayName)}, someone (hopefully you) asked to reset the password of your FitAI account.`,
      `<a href="${escapeHtml(input.link)}">Choose a new password</a>`,
      `The link works once and expires in ${input.validMinutes} minutes. If it was not you, ignore this email: your password stays as it is.`,
    ]),
  };
}
