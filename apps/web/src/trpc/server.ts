import "server-only";
import { createCaller } from "@northstar/api";
import { cache } from "react";
import { createRequestContext } from "~/server/context";

/** A tRPC caller for server components: same procedures, same checks, no HTTP hop. */
export const serverApi = cache(async () => createCaller(await createRequestContext()));
