import { recordTracking, TRACKING_PIXEL } from "@northstar/core";
import { getDb } from "@northstar/db";

export const dynamic = "force-dynamic";

/** Open-tracking image: records "Email Opened" once per message, always answers the pixel. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await recordTracking(getDb(), "open", token).catch(() => undefined);
  return new Response(new Uint8Array(TRACKING_PIXEL), {
    headers: { "content-type": "image/gif", "cache-control": "no-store" },
  });
}
