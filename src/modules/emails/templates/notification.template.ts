import { escapeHtml, layout, RenderedEmail } from './html';

/** One notification by email: its message, a link to the app, and how to stop this type. */
export function renderNotificationEmail(input: {
  displayName: string;
  message: string;
  appUrl: string;
  /** The page that turns this type's emails off (signed link, no sign-in). */
  unsubscribeUrl: string;
}): RenderedEmail {
  return {
    subject: input.message,
    text: [
      `Hi ${input.displayName},`,
      '',
      input.message,
      '',
      `Open FitAI: ${input.appUrl}`,
      '',
      `Stop these emails: ${input.unsubscribeUrl}`,
    ].join('\n'),
    html: layout(escapeHtml(input.message), [
      `Hi ${escapeHtml(input.displayName)},`,
      `<a href="${escapeHtml(input.appUrl)}">Open FitAI</a>`,
      `<a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#7b8794">Stop these emails</a>`,
    ]),
  };
}

/** The daily digest: the messages waiting since the last one. */
export function renderNotificationDigestEmail(input: {
  displayName: string;
  messages: string[];
  appUrl: string;
  unsubscribeUrl: string;
}): RenderedEmail {
  const n = input.messages.length;
  return {
    subject: `Your FitAI day: ${n} notification${n === 1 ? '' : 's'}`,
    text: [
      `Hi ${input.displayName},`,
      '',
      ...input.messages.map((message) => `- ${message}`),
      '',
      `Open FitAI: ${input.appUrl}`,
      '',
      `Stop digest emails: ${input.unsubscribeUrl}`,
    ].join('\n'),
    html: layout('Your FitAI day', [
      `Hi ${escapeHtml(input.displayName)},`,
      `<ul>${input.messages.map((message) => `<li>${escapeHtml(message)}</li>`).join('')}</ul>`,
      `<a href="${escapeHtml(input.appUrl)}">Open FitAI</a>`,
      `<a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#7b8794">Stop digest emails</a>`,
    ]),
  };
}
