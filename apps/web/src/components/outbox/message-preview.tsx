import { StatusBadge } from "./status-badge";

export interface PreviewMessage {
  id: string;
  channel: string;
  to: string;
  subject: string | null;
  status: string;
  body: string;
  text: string | null;
  idempotencyKey: string;
  /** Who wrote it: the model, a template, or the template after the model failed. */
  renderedBy: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

/**
 * Looking at a message must not count as the customer opening or clicking it: the preview loads nothing remote
 * (the open pixel and remote images are blocked by a CSP) and links cannot be followed (they would open a popup,
 * which the sandbox forbids), since both would otherwise reach the tracking routes.
 */
function inertPreview(html: string): string {
  return `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><base target="_blank"></head><body>${html}</body></html>`;
}

/**
 * The message as the recipient sees it (remote images aside). Email bodies are rendered in a sandboxed iframe with no
 * scripts and no same-origin access, because the HTML comes from journey content, not from the app.
 */
export function MessagePreview({ message }: { message: PreviewMessage }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Message preview">
      <div className="border-b border-slate-100 px-5 py-3">
        <div className="flex items-center justify-between gap-3">
          <h2 className="truncate text-sm font-semibold">{message.subject ?? `${message.channel} message`}</h2>
          <StatusBadge status={message.status} />
        </div>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-500">
          <dt>To</dt>
          <dd className="truncate text-slate-700">{message.to}</dd>
          <dt>Channel</dt>
          <dd className="text-slate-700">{message.channel}</dd>
          <dt>Created</dt>
          <dd className="text-slate-700">{dateFormat.format(message.createdAt)}</dd>
          {message.sentAt ? (
            <>
              <dt>Sent</dt>
              <dd className="text-slate-700">{dateFormat.format(message.sentAt)}</dd>
            </>
          ) : null}
          {message.renderedBy ? (
            <>
              <dt>Written by</dt>
              <dd className="truncate text-slate-700">{message.renderedBy}</dd>
            </>
          ) : null}
          <dt>Idempotency key</dt>
          <dd className="truncate font-mono text-slate-700">{message.idempotencyKey}</dd>
        </dl>
        {message.lastError ? <p className="mt-2 text-xs text-red-600">{message.lastError}</p> : null}
      </div>
      {message.channel === "email" ? (
        <iframe
          title="Rendered email"
          sandbox=""
          srcDoc={inertPreview(message.body)}
          className="h-[420px] w-full rounded-b-xl bg-white"
        />
      ) : (
        <pre className="whitespace-pre-wrap px-5 py-4 text-sm text-slate-700">{message.text ?? message.body}</pre>
      )}
    </section>
  );
}
