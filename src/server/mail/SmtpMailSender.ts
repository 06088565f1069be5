import nodemailer, { type Transporter } from 'nodemailer';
import type { MailMessage, MailSender } from '../domain/notifications/mailPort.js';

/** The MailSender port over SMTP (`SMTP_URL`, e.g. `smtps://user:pass@mail.example.com:465`). */
export class SmtpMailSender implements MailSender {
  readonly #transport: Transporter;

  constructor(url: string, private readonly from: string) {
    this.#transport = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.#transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }

  close(): void {
    this.#transport.close();
  }
}
