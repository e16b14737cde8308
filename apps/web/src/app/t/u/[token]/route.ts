import { recordTracking } from "@northstar/core";
import { getDb } from "@northstar/db";

export const dynamic = "force-dynamic";

const page = (text: string, status = 200) =>
  new Response(
    `<!doctype html><html><body style="font-family:system-ui;padding:3rem;text-align:center"><p>${text}</p></body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8" } },
  );

const invalid = () => page("This link is not valid.", 404);

/**
 * Unsubscribe: GET shows a confirmation (link scanners must not unsubscribe people); POST records it. A token that
 * belongs to no message answers 404 on both.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const message = await getDb().message.findUnique({ where: { trackingToken: token }, select: { id: true } });
  if (!message) return invalid();
  return page(
    `<form method="post" action="${new URL(request.url).pathname}"><button type="submit">Unsubscribe from these emails</button></form>`,
  );
}

export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const outcome = await recordTracking(getDb(), "unsubscribe", token);
  return outcome.found ? page("You are unsubscribed.") : invalid();
}
