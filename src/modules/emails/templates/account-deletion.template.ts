import { escapeHtml, layout, RenderedEmail } from './html';

/** Sent when DELETE /users/account is accepted: when the purge happens, and how to stop it. */
export function renderAccountDeletionScheduledEmail(input: {
  displayName: string;
  dueAt: Date;
  appUrl: string;
}): RenderedEmail {
  const when = input.dueAt.toUTCString();
  const lines = [
    `Your FitAI account and all its data will be deleted on ${when}.`,
    'Changed your mind? Sign in before then and the deletion is cancelled.',
    'If you did not ask for this, sign in now and change your password.',
  ];
  return {
    subject: 'Your FitAI account will be deleted',
    text: [`Hi ${input.displayName},`, '', ...lines, '', input.appUrl].join('\n'),
    html: layout('Your account will be deleted', [
      `Hi ${escapeHtml(input.displayName)},`,
      ...lines.map(escapeHtml),
      `<a href="${escapeHtml(input.appUrl)}">Sign in to FitAI</a>`,
    ]),
  };
}

/** Sent once the purge is done (to the address the account had; nothing of it is kept). */
export function renderAccountDeletionDoneEmail(input: { displayName: string }): RenderedEmail {
  const lines = [
    'Your FitAI account has been deleted: your workouts, journal, measurements, goals, files and sessions are gone.',
    'Comments you wrote on other people’s activities stay, signed “Deleted user”.',
    'This is the last email you receive from FitAI.',
  ];
  return {
    subject: 'Your FitAI account was deleted',
    text: [`Hi ${input.displayName},`, '', ...lines].join('\n'),
    html: layout('Your account was deleted', [
      `Hi ${escapeHtml(input.displayName)},`,
      ...lines.map(escapeHtml),
    ]),
  };
}
