import { handleTrpcRequest } from "@northstar/api";
import { createRequestContext } from "~/server/context";
import { staleWorkspaceCookie } from "~/server/workspace-cookie";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  const context = await createRequestContext();
  const response = await handleTrpcRequest(req, async () => context);
  const clear = await staleWorkspaceCookie(context);
  if (clear) response.headers.append("set-cookie", clear);
  return response;
}

export { handler as GET, handler as POST };
