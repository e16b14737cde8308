import nodemailer from "nodemailer";
import type { ChannelAdapter } from "./channel";

/**
 * Email through SMTP (nodemailer). The Message-ID is derived from the idempotency key, so a receiving system can
 * recognise a duplicate even in the one case we cannot rule out (a crash between the server's OK and our commit,
 * which the send task quarantines instead of retrying).
 */
export function smtpAdapter(smtpUrl: string, from: string): ChannelAdapter & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    provider: "smtp",
    async send(message) {
      const info = await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject ?? "",
        html: message.body,
        text: message.text ?? undefined,
        messageId: `<${message.idempotencyKey.replaceAll(":", ".")}@northstar>`,
        headers: { "X-Northstar-Message": message.id },
      });
      return { status: "SENT", provider: "smtp", providerMessageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}
