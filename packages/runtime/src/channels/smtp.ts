import nodemailer from "nodemailer";
import { type ChannelAdapter, DeliveryError } from "./channel";
import { unsubscribeUrl } from "./render";

/** Where a marketing email's List-Unsubscribe header points. */
export interface ListUnsubscribe {
  /** Base URL of the one-click unsubscribe page (the same page as the body's link). */
  publicUrl: string;
  /** A mailbox that takes unsubscribe requests too (UNSUBSCRIBE_MAILTO); the subject names the message's token. */
  mailto?: string | null;
}

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
 * The List-Unsubscribe headers of a marketing email (RFC 2369, one-click per RFC 8058, as Gmail and Yahoo require of
 * bulk senders): the https URL first, then the mailbox when configured. nodemailer's `list` option writes the header
 * (angle brackets, folding); List-Unsubscribe-Post is a plain header.
 */
export function listUnsubscribeHeaders(token: string, list: ListUnsubscribe) {
  const urls = [unsubscribeUrl(list.publicUrl, token)];
  if (list.mailto) urls.push(`mailto:${list.mailto}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`);
  // A nested array is one header listing every URL (a flat one would write a header per URL).
  return { list: { unsubscribe: [urls] }, headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}

/**
 * Email through SMTP (nodemailer). The Message-ID is derived from the idempotency key, so a receiving system can
 * recognise a duplicate even in the one case we cannot rule out (a crash between the server's OK and our commit,
 * which the send task quarantines instead of retrying). Marketing email carries List-Unsubscribe when `list` is set.
 */
export function smtpAdapter(
  smtpUrl: string,
  from: string,
  list: ListUnsubscribe | null = null,
): ChannelAdapter & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    provider: "smtp",
    async send(message) {
      const unsubscribe =
        list && message.unsubscribeToken ? listUnsubscribeHeaders(message.unsubscribeToken, list) : null;
      const info = await transport
        .sendMail({
          from,
          to: message.to,
          subject: message.subject ?? "",
          html: message.body,
          text: message.text ?? undefined,
          messageId: `<${message.idempotencyKey.replaceAll(":", ".")}@northstar>`,
          ...(unsubscribe ? { list: unsubscribe.list } : {}),
          headers: { "X-Northstar-Message": message.id, ...unsubscribe?.headers },
        })
        .catch((error: unknown) => {
          throw smtpFailure(error);
        });
      return { status: "SENT", provider: "smtp", providerMessageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}
