import { z } from "zod";
import { LIMITS } from "./limits";
import { eventNameSchema } from "./primitives";

const minutes = z.number().int().min(1).max(LIMITS.maxWaitMinutes);

/**
 * Waits pause a customer. An `until_event` wait resumes through its outgoing edges whose `sourceHandle` is not
 * "timeout" when the event arrives, and through the "timeout" edges when it does not arrive in time.
 */
export const waitConfigSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("duration"), minutes }),
  z.strictObject({ type: z.literal("until_event"), event: eventNameSchema, timeoutMinutes: minutes }),
  z.strictObject({ type: z.literal("agent_send_time"), windowHours: z.number().int().min(1).max(168) }),
]);
export type WaitConfig = z.infer<typeof waitConfigSchema>;

export const WAIT_TIMEOUT_HANDLE = "timeout";
