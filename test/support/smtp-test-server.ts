import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';
import { eventually } from './test-app';

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * A real SMTP server on loopback that keeps what it receives, parsed. It can refuse a
 * recipient permanently (5xx) or fail the next message transiently (4xx).
 */
export class SmtpTestServer {
  readonly received: ParsedMail[] = [];
  private readonly refused = new Map<string, number>();
  private transientFailures = 0;
  private server?: SMTPServer;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const code = this.refused.get(address.address.toLowerCase());
        callback(code ? smtpError(code, `${address.address}: mailbox unavailable`) : undefined);
      },
      onData: (stream: SMTPServerDataStream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            if (this.transientFailures > 0) {
              this.transientFailures -= 1;
              return callback(smtpError(421, 'try again later'));
            }
            this.received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  refuse(address: string, code = 550): void {
    this.refused.set(address.toLowerCase(), code);
  }

  failNext(times = 1): void {
    this.transientFailures = times;
  }

  /** Waits for a message to `to` whose subject matches. */
  waitFor(to: string, subject: RegExp, timeoutMs = 10_000): Promise<ParsedMail> {
    return eventually(
      async () =>
        this.received.find(
          (mail) => JSON.stringify(mail.to ?? '').includes(to) && subject.test(mail.subject ?? ''),
        ),
      timeoutMs,
    );
  }

  count(to: string, subject: RegExp): number {
    return this.received.filter(
      (mail) => JSON.stringify(mail.to ?? '').includes(to) && subject.test(mail.subject ?? ''),
    ).length;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/** The token in a link of the message's text part. */
export function tokenFrom(mail: ParsedMail): string {
  const match = (mail.text ?? '').match(/token=([\w-]{43})/);
  if (!match) throw new Error(`no token link in: ${mail.text}`);
  return match[1];
}
