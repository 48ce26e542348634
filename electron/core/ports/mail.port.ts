/**
 * E-mail through the municipality's SMTP server (#17 item 4): the alert and recovery mails and
 * the test mail. The adapter (integrations/mail) throws IntegrationError: connection refused or
 * timed out 'transient', a refused login 'auth', a 5xx answer 'permanent'.
 */
export interface MailMessage {
  to: string[];
  subject: string;
  /** Plain text; the alerts never send HTML. */
  text: string;
  /**
   * A Message-ID that stays the same when the same mail is sent again (e.g. `<alert-12-open@host>`):
   * SMTP cannot be made exactly-once, so a mail sent again after a crash between the server's
   * "250" and the job's commit carries the same id, and mail systems that drop duplicates drop it.
   */
  messageId?: string;
}

export interface MailReceipt {
  /** The server's last answer, e.g. "250 2.0.0 Ok: queued as 4F2A1". */
  response: string;
  messageId: string | null;
  accepted: string[];
  rejected: string[];
}

export interface MailPort {
  send(message: MailMessage): Promise<MailReceipt>;
  /** Connects, says EHLO, upgrades with STARTTLS when configured, logs in when configured, and quits. */
  verify(): Promise<void>;
}
