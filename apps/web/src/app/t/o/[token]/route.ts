import { recordTracking, TRACKING_PIXEL } from "@northstar/core";
import { getDb } from "@northstar/db";

export const dynamic = "force-dynamic";

/**
 * Open-tracking image: records "Email Opened" once per message and always answers the pixel (a mail client shows
 * nothing useful for an error); a failure to record is logged with its name and message.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await recordTracking(getDb(), "open", token).catch((error: unknown) => {
    const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
    console.error(`tracking: open not recorded: ${name}: ${message}`);
  });
  return new Response(new Uint8Array(TRACKING_PIXEL), {
    headers: { "content-type": "image/gif", "cache-control": "no-store" },
  });
}
