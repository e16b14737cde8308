import { handleIngestionRequest } from "@northstar/core";
import { getDb } from "@northstar/db";
import { ingestionLimiter } from "../ingestion-limiter";

export const dynamic = "force-dynamic";

/** Segment-compatible `track` call; the write key is the HTTP Basic username. */
export function POST(request: Request) {
  return handleIngestionRequest(getDb(), "track", request, { limiter: ingestionLimiter() });
}
