import nodemailer from "nodemailer";
import { type ChannelAdapter, DeliveryError } from "./channel";

/** nodemailer error codes of steps before the message is transmitted (DNS, authentication, TLS, envelope checks). */
const BEFORE_MESSAGE_CODES = new Set(["EDNS", "EAUTH", "ENOAUTH", "ETLS", "EREQUIRETLS", "EENVELOPE", "ECONFIG"]);
/** Socket errors of connecting, before a single SMTP command is sent. */
const CONNECT_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** nodemailer timeouts that happen before the message: connecting, waiting for the greeting, STARTTLS, DNS. */
const SETUP_TIMEOUTS = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT", "DNS_TIMEOUT"]);

/**
 * Classifies a nodemailer failure. `not-sent`: the server answered with a refusal code (it did not take the
 * message) or the failure happened before the message was transmitted. Everything else (a socket timeout, the
 * connection closed or reset with no answer, a protocol error) may have happened after the message's final dot,
 * so it is `unknown`.
 */
export function smtpFailure(error: unknown): DeliveryError {
  const e = (error ?? {}) as {
    message?: string;
    code?: string;
    originalCode?: string;
    timeoutType?: string;
    responseCode?: number;
  };
  const reason = e.message ?? String(error);
  const notSent =
    typeof e.responseCode === "number" ||
    (e.code !== undefined && BEFORE_MESSAGE_CODES.has(e.code)) ||
    (e.originalCode !== undefined && CONNECT_ERRORS.has(e.originalCode)) ||
    (e.timeoutType !== undefined && SETUP_TIMEOUTS.has(e.timeoutType));
  return notSent
    ? new DeliveryError(`SMTP not sent (${e.code ?? "error"}): ${reason}`, "not-sent", { cause: error })
    : new DeliveryError(`SMTP delivery unknown (${e.code ?? "error"}): ${reason}`, "unknown", { cause: error });
}

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
      const info = await transport
        .sendMail({
          from,
          to: message.to,
          subject: message.subject ?? "",
          html: message.body,
          text: message.text ?? undefined,
          messageId: `<${message.idempotencyKey.replaceAll(":", ".")}@northstar>`,
          headers: { "X-Northstar-Message": message.id },
        })
        .catch((error: unknown) => {
          throw smtpFailure(error);
        });
      return { status: "SENT", provider: "smtp", providerMessageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}
