import { recordTracking } from "@northstar/core";
import { getDb } from "@northstar/db";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Link not found", { status: 404 });

/** Click redirect: records "Email Link Clicked" and sends the browser to the link stored with the message. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string; index: string }> }) {
  const { token, index } = await params;
  // Only a plain decimal index: "1abc" or "1e0" is not a link of the message.
  if (!/^\d+$/.test(index)) return notFound();
  const outcome = await recordTracking(getDb(), "click", token, Number(index));
  if (!outcome.redirectTo) return notFound();
  return Response.redirect(outcome.redirectTo, 302);
}
