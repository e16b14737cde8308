import { recordTracking } from "@northstar/core";
import { getDb } from "@northstar/db";

export const dynamic = "force-dynamic";

/** Click redirect: records "Email Link Clicked" and sends the browser to the link stored with the message. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string; index: string }> }) {
  const { token, index } = await params;
  const outcome = await recordTracking(getDb(), "click", token, Number.parseInt(index, 10));
  if (!outcome.redirectTo) return new Response("Link not found", { status: 404 });
  return Response.redirect(outcome.redirectTo, 302);
}
