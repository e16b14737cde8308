import { recordTracking } from "@northstar/core";
import { getDb } from "@northstar/db";

export const dynamic = "force-dynamic";

const page = (text: string) =>
  new Response(
    `<!doctype html><html><body style="font-family:system-ui;padding:3rem;text-align:center"><p>${text}</p></body></html>`,
    { headers: { "content-type": "text/html; charset=utf-8" } },
  );

/** Unsubscribe: GET shows a confirmation (link scanners must not unsubscribe people); POST records it. */
export function GET(request: Request) {
  return page(
    `<form method="post" action="${new URL(request.url).pathname}"><button type="submit">Unsubscribe from these emails</button></form>`,
  );
}

export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const outcome = await recordTracking(getDb(), "unsubscribe", token);
  return page(outcome.found ? "You are unsubscribed." : "This link is not valid.");
}
