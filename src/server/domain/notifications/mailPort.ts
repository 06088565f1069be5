/** One plain-text e-mail. The domain composes it; an adapter (SMTP) delivers it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; absent when the server has no `SMTP_URL`. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}
