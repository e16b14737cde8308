import { handleTrpcRequest } from "@northstar/api";
import { createRequestContext } from "~/server/context";

export const dynamic = "force-dynamic";

const handler = (req: Request) => handleTrpcRequest(req, createRequestContext);

export { handler as GET, handler as POST };
