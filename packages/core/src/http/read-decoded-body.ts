import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGunzip, createInflate, createInflateRaw } from "node:zlib";
import { readLimitedBody } from "./read-limited-body";

/** Why a body could not be read: too large once decoded (413), an unknown encoding (415) or corrupt data (400). */
export class BodyDecodeError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A zlib stream (RFC 1950) starts with a header whose low nibble is 8 (deflate) and whose first two bytes are a
 * multiple of 31. Some senders label raw deflate (RFC 1951) as `deflate` too, as browsers once did; both are read.
 */
function isZlibWrapped(first: Uint8Array): boolean {
  const [cmf = 0, flg = 0] = first;
  return (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
}

async function inflate(request: Request, encoding: "gzip" | "deflate", limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const first = await reader.read();
  if (first.done) return new Uint8Array(0);
  const head = first.value;
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const decoder = encoding === "gzip" ? createGunzip() : isZlibWrapped(head) ? createInflate() : createInflateRaw();
  const source = Readable.fromWeb(rest as unknown as NodeReadableStream<Uint8Array>);
  source.on("error", (error) => decoder.destroy(error));
  source.pipe(decoder);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // The limit counts decoded bytes as they come: a bomb is stopped after `limit` bytes, never inflated whole.
    for await (const chunk of decoder as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > limit) throw new BodyDecodeError(413, `Request body exceeds ${limit} bytes once decompressed`);
      chunks.push(chunk);
    }
  } catch (error) {
    source.destroy();
    decoder.destroy();
    if (error instanceof BodyDecodeError) throw error;
    throw new BodyDecodeError(400, `Request body is not valid ${encoding} data`);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Reads a request body of at most `limit` bytes after decoding its `Content-Encoding` (gzip, deflate or none), as
 * RudderStack's and Segment's libraries compress it. The compressed bytes are streamed through node:zlib, so the
 * limit applies to what the body decompresses to and a decompression bomb costs at most `limit` bytes of memory.
 */
export async function readDecodedBody(request: Request, limit: number): Promise<Uint8Array> {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") return inflate(request, "gzip", limit);
  if (encoding === "deflate") return inflate(request, "deflate", limit);
  if (encoding !== "identity" && encoding !== "") {
    throw new BodyDecodeError(415, `Content-Encoding ${encoding} is not supported: send gzip, deflate or none`);
  }
  const bytes = await readLimitedBody(request, limit);
  if (!bytes) throw new BodyDecodeError(413, `Request body exceeds ${limit} bytes`);
  return bytes;
}
