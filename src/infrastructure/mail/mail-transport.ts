export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra header fields, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
  /** Files sent with the message (e.g. a report's PDF). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface SentMail {
  messageId: string;
}

/** Where rendered messages go. Development writes .eml files; SMTP comes with real delivery. */
export abstract class MailTransport {
  abstract send(message: MailMessage): Promise<SentMail>;
}
