import {
  renderAccountDeletionDoneEmail,
  renderAccountDeletionScheduledEmail,
} from './account-deletion.template';
import { RenderedEmail } from './html';
import { renderNotificationDigestEmail, renderNotificationEmail } from './notification.template';
import { renderPasswordChangedEmail } from './password-changed.template';
import { renderReportEmail } from './report.template';
import { renderResetPasswordEmail } from './reset-password.template';
import { renderVerifyEmail } from './verify-email.template';
import { renderWelcomeEmail } from './welcome.template';

/**
 * Every message FitAI sends: its kind (recorded with the delivery) and what its template
 * needs. Other modules describe a message; only this module knows how it looks.
 */
export type EmailMessage =
  | ({ kind: 'welcome' } & Parameters<typeof renderWelcomeEmail>[0])
  | ({ kind: 'verify-email' } & Parameters<typeof renderVerifyEmail>[0])
  | ({ kind: 'reset-password' } & Parameters<typeof renderResetPasswordEmail>[0])
  | ({ kind: 'password-changed' } & Parameters<typeof renderPasswordChangedEmail>[0])
  | ({ kind: 'notification' } & Parameters<typeof renderNotificationEmail>[0])
  | ({ kind: 'notification-digest' } & Parameters<typeof renderNotificationDigestEmail>[0])
  | ({ kind: 'account-deletion-scheduled' } & Parameters<
      typeof renderAccountDeletionScheduledEmail
    >[0])
  | ({ kind: 'account-deletion-done' } & Parameters<typeof renderAccountDeletionDoneEmail>[0])
  | ({ kind: 'report' } & Parameters<typeof renderReportEmail>[0]);

export function renderEmail(message: EmailMessage): RenderedEmail {
  switch (message.kind) {
    case 'welcome':
      return renderWelcomeEmail(message);
    case 'verify-email':
      return renderVerifyEmail(message);
    case 'reset-password':
      return renderResetPasswordEmail(message);
    case 'password-changed':
      return renderPasswordChangedEmail(message);
    case 'notification':
      return renderNotificationEmail(message);
    case 'notification-digest':
      return renderNotificationDigestEmail(message);
    case 'account-deletion-scheduled':
      return renderAccountDeletionScheduledEmail(message);
    case 'account-deletion-done':
      return renderAccountDeletionDoneEmail(message);
    case 'report':
      return renderReportEmail(message);
  }
}
