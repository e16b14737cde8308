import { handleIngestionRequest, ingestionKindOf, ingestionPreflight } from "@northstar/core";
import { getDb } from "@northstar/db";
import { ingestionLimiter } from "../ingestion-limiter";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ call: string }> };

const notFound = () => Response.json({ success: false, error: "No such call type" }, { status: 404 });

/**
 * Segment-compatible calls: `/api/v1/track|identify|page|screen|group|alias|batch` and the one-letter paths of
 * Segment's browser library (`/t`, `/i`, `/p`, `/s`, `/g`, `/a`, `/b`). The write key is the HTTP Basic username,
 * or the body's `writeKey` field.
 */
export async function POST(request: Request, { params }: Params) {
  const kind = ingestionKindOf((await params).call);
  if (!kind) return notFound();
  return handleIngestionRequest(getDb(), kind, request, { limiter: ingestionLimiter() });
}

/** A browser's CORS preflight before it posts with an Authorization header or a JSON content type. */
export async function OPTIONS(request: Request, { params }: Params) {
  if (!ingestionKindOf((await params).call)) return notFound();
  return ingestionPreflight(request);
}
