/** E-mail (SES in AWS, an outbox folder locally). */
export interface Mailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}
