import { DEFAULT_MODEL_DATA_POLICY, type ModelDataPolicy } from "@northstar/agent";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";

/** The workspace's data policy for models (packages/agent modelFeatures applies it), as stored and as an admin sets it. */
export const modelDataPolicySchema = z.object({
  traits: z.enum(["none", "allow_list", "all_except_personal"]).default(DEFAULT_MODEL_DATA_POLICY.traits),
  allow: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  firstName: z.boolean().default(DEFAULT_MODEL_DATA_POLICY.firstName),
}) satisfies z.ZodType<ModelDataPolicy, unknown>;

/** Stored JSON as a policy; what fails to parse (a hand-edited row) falls back to the strictest reading. */
export function parseModelDataPolicy(stored: unknown): ModelDataPolicy {
  const parsed = modelDataPolicySchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { traits: "none", allow: [], firstName: false };
}

export async function getModelDataPolicy(ctx: DomainContext): Promise<ModelDataPolicy> {
  const workspace = await ctx.db.workspace.findUniqueOrThrow({
    where: { id: ctx.actor.workspaceId },
    select: { modelDataPolicy: true },
  });
  return parseModelDataPolicy(workspace.modelDataPolicy);
}

const asJson = (p: ModelDataPolicy) => ({ traits: p.traits, allow: [...p.allow], firstName: p.firstName });

/** Sets what models may see of the workspace's customers; admins only, audited. */
export async function updateModelDataPolicy(
  ctx: DomainContext,
  input: z.input<typeof modelDataPolicySchema>,
): Promise<ModelDataPolicy> {
  if (ctx.actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", "Only admins set the data policy for models", {
      userMessage: "Only an admin can change what models may see",
    });
  }
  const policy = modelDataPolicySchema.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: ctx.actor.workspaceId },
      select: { modelDataPolicy: true },
    });
    await tx.workspace.update({ where: { id: ctx.actor.workspaceId }, data: { modelDataPolicy: policy } });
    await recordAudit(tx, ctx.actor, {
      action: "workspace.model_data_policy",
      entityType: "workspace",
      entityId: ctx.actor.workspaceId,
      summary: `Models may see ${policy.traits === "none" ? "no customer traits" : policy.traits === "allow_list" ? `only ${policy.allow.length} listed traits` : "every trait except personal ones"}${policy.firstName ? ", and the first name in briefs" : ""}`,
      changes: { before: asJson(parseModelDataPolicy(before.modelDataPolicy)), after: asJson(policy) },
    });
    return policy;
  });
}
