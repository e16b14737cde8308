import type { PrismaClient, Role } from "@northstar/db";
import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { DEFAULT_GUARDRAILS } from "@northstar/journey";
import { buildJourney } from "@northstar/journey/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { callerFor } from "./testing/callers";

/**
 * The authorization matrix: every procedure of the router, called as no session, as each role of the workspace and
 * as the admin of another workspace. The procedures are read from the router itself, so a new procedure that is
 * missing from ACCESS below fails this file until someone decides who may call it.
 */

/** "public": callable without a session (an invitee accepting a link has no account yet). */
type Access = "public" | "signed-in" | readonly Role[];
const MEMBERS: readonly Role[] = ["ADMIN", "MANAGER", "MARKETER"];
const MANAGERS: readonly Role[] = ["ADMIN", "MANAGER"];
const ADMINS: readonly Role[] = ["ADMIN"];
const ROLES: readonly Role[] = ["ADMIN", "MANAGER", "MARKETER"];

const ACCESS: Record<string, Access> = {
  "session.me": "signed-in",
  "workspace.members": MANAGERS,
  "workspace.invitations": ADMINS,
  "workspace.invite": ADMINS,
  "workspace.revokeInvitation": ADMINS,
  "workspace.changeRole": ADMINS,
  "workspace.removeMember": ADMINS,
  "workspace.invitation": "public",
  "workspace.acceptInvitation": "public",
  "workspace.settings": MEMBERS,
  "workspace.setFourEyes": ADMINS,
  "objective.list": MEMBERS,
  "objective.get": MEMBERS,
  "objective.create": ADMINS,
  "objective.update": ADMINS,
  "objective.archive": ADMINS,
  "guardrails.global": MEMBERS,
  "guardrails.updateGlobal": ADMINS,
  "guardrails.journey": MEMBERS,
  "guardrails.updateJourney": ADMINS,
  "guardrails.modelDataPolicy": MEMBERS,
  "guardrails.updateModelDataPolicy": ADMINS,
  "journey.list": MEMBERS,
  "journey.get": MEMBERS,
  "journey.create": MEMBERS,
  "journey.update": MEMBERS,
  "journey.archive": MANAGERS,
  "journey.export": MEMBERS,
  "journey.import": MEMBERS,
  "version.list": MEMBERS,
  "version.get": MEMBERS,
  "version.openDraft": MEMBERS,
  "version.saveDraft": MEMBERS,
  "version.compile": MEMBERS,
  "version.publish": MANAGERS,
  "version.restore": MEMBERS,
  "publication.list": MEMBERS,
  "publication.request": MEMBERS,
  "publication.approve": MANAGERS,
  "publication.reject": MANAGERS,
  "audit.list": MEMBERS,
  "canvas.compileDraft": MEMBERS,
  "dashboard.overview": MANAGERS,
  "dashboard.staleBranches": MANAGERS,
  "dashboard.pressure": MANAGERS,
  "dashboard.journey": MANAGERS,
  "dashboard.previewPrune": MANAGERS,
  "dashboard.prune": MANAGERS,
  "runtime.counters": MEMBERS,
  "runtime.occupancy": MEMBERS,
  "runtime.decisions": MEMBERS,
  "runtime.writeKeys.list": ADMINS,
  "runtime.writeKeys.create": ADMINS,
  "runtime.writeKeys.revoke": ADMINS,
  "outbox.list": MEMBERS,
  "outbox.get": MEMBERS,
  "outbox.quarantine": MANAGERS,
  "outbox.retry": MANAGERS,
  "outbox.drop": MANAGERS,
  "customers.list": MEMBERS,
  "customers.timeline": MEMBERS,
  "customers.import": MANAGERS,
  "simulation.start": MEMBERS,
  "simulation.get": MEMBERS,
  "simulation.latest": MEMBERS,
  "simulation.cancel": MEMBERS,
  "simulation.guardrailDryRun": ADMINS,
  "review.list": MEMBERS,
  "review.get": MEMBERS,
  "review.approve": MANAGERS,
  "review.reject": MANAGERS,
  "decisions.forCustomer": MEMBERS,
  "decisions.learnableTraits": MEMBERS,
  "decisions.nodeStats": MEMBERS,
  "decisions.uplift": MEMBERS,
  "decisions.offlineEvaluation": MEMBERS,
};

const metric = { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" } as const;

/** Acme's rows the inputs point at: a live journey with a pending draft, an objective, a write key, a customer. */
interface Fixtures {
  objectiveId: string;
  journeyId: string;
  publishedVersionId: string;
  draftVersionId: string;
  draftRevision: number;
  requestId: string;
  writeKeyId: string;
  customerId: string;
  exported: string;
}

/** A valid input per procedure, so that a missing check would let the call through to a real change. */
function inputFor(path: string, f: Fixtures): unknown {
  const journey = { journeyId: f.journeyId };
  const inputs: Record<string, unknown> = {
    "objective.list": {},
    "objective.get": { id: f.objectiveId },
    "objective.create": { name: "Matrix objective", metric },
    "objective.update": { id: f.objectiveId, objective: { name: "Renamed objective", metric } },
    "objective.archive": { id: f.objectiveId },
    "guardrails.updateGlobal": { ...DEFAULT_GUARDRAILS, maxDiscountPercent: 15 },
    "guardrails.journey": journey,
    "guardrails.updateJourney": { ...journey, override: { maxDiscountPercent: 5 } },
    "guardrails.updateModelDataPolicy": { traits: "allow_list", allow: ["plan"], firstName: true },
    "journey.list": {},
    "journey.get": journey,
    "journey.create": { name: "Matrix journey", objectiveId: f.objectiveId },
    "journey.update": { ...journey, name: "Renamed journey" },
    "journey.archive": journey,
    "journey.export": { versionId: f.publishedVersionId },
    "journey.import": { content: f.exported, objectiveId: f.objectiveId },
    "version.list": journey,
    "version.get": { versionId: f.draftVersionId },
    "version.openDraft": journey,
    "version.saveDraft": { versionId: f.draftVersionId, baseRevision: f.draftRevision, definition: buildJourney() },
    "version.compile": { versionId: f.draftVersionId },
    "version.publish": { versionId: f.draftVersionId },
    "version.restore": { versionId: f.publishedVersionId },
    "publication.list": {},
    "publication.request": { versionId: f.draftVersionId },
    "publication.approve": { requestId: f.requestId },
    "publication.reject": { requestId: f.requestId, note: "Not now" },
    "audit.list": {},
    "canvas.compileDraft": { versionId: f.draftVersionId, definition: buildJourney() },
    "dashboard.overview": {},
    "dashboard.staleBranches": {},
    "dashboard.pressure": {},
    "dashboard.journey": journey,
    "dashboard.previewPrune": { ...journey, edgeId: "choose-sms" },
    "dashboard.prune": { ...journey, edgeId: "choose-sms" },
    "runtime.counters": journey,
    "runtime.occupancy": journey,
    "runtime.decisions": { enrollmentId: "no-such-enrollment" },
    "runtime.writeKeys.create": { name: "Matrix key" },
    "runtime.writeKeys.revoke": { id: f.writeKeyId },
    "outbox.list": {},
    "outbox.get": { id: "no-such-message" },
    "outbox.quarantine": {},
    "outbox.retry": { id: "no-such-message" },
    "outbox.drop": { id: "no-such-message" },
    "customers.list": {},
    "customers.timeline": { customerId: f.customerId },
    "customers.import": { columns: ["userId", "email"], rows: [["matrix-1", "m1@example.com"]], firstLine: 2 },
    "simulation.start": { ...journey, population: { kind: "synthetic", size: 20 }, horizonDays: 7 },
    "simulation.get": { id: "no-such-simulation" },
    "simulation.latest": journey,
    "simulation.cancel": { id: "no-such-simulation" },
    "simulation.guardrailDryRun": { proposed: DEFAULT_GUARDRAILS },
    "workspace.invite": { email: "newcomer@example.com", role: "MARKETER" },
    "workspace.revokeInvitation": { invitationId: "no-such-invitation" },
    "workspace.changeRole": { userId: "no-such-user", role: "ADMIN" },
    "workspace.removeMember": { userId: "no-such-user" },
    "workspace.invitation": { token: "no-such-token-no-such-token" },
    "workspace.acceptInvitation": { token: "no-such-token-no-such-token", name: "Nobody", password: "long-enough-pw" },
    "workspace.setFourEyes": { enabled: false },
    "review.list": {},
    "review.get": { id: "no-such-item" },
    "review.approve": { id: "no-such-item" },
    "review.reject": { id: "no-such-item" },
    "decisions.forCustomer": { customerId: f.customerId },
    "decisions.learnableTraits": { ...journey, stepId: "choose" },
    "decisions.nodeStats": { ...journey, stepId: "choose" },
    "decisions.uplift": journey,
    "decisions.offlineEvaluation": { ...journey, stepId: "choose" },
  };
  return inputs[path];
}

// At run time `_def.procedures` is flat, keyed by dotted path (its declared type is the nested record).
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" } }>;
const paths = Object.keys(procedures).sort();

type Caller = ReturnType<typeof callerFor>;

async function call(caller: Caller, path: string, input: unknown) {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    return { ok: true as const, value: await fn(input) };
  } catch (error) {
    return { ok: false as const, code: (error as { code?: string }).code ?? "UNKNOWN", error };
  }
}

/**
 * A fingerprint of every table (sessions and rate-limit counters aside, which a refused call may legitimately
 * touch), so "changed nothing" covers rows no one thought of, audit entries and queued jobs included.
 */
async function snapshot(db: PrismaClient): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<{ schema: string; name: string }[]>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'graphile_worker')
       AND table_name NOT IN ('_prisma_migrations', 'AuthSession', 'RateLimitCounter')`,
  );
  const sql = tables
    .map(
      (t) =>
        `SELECT '${t.schema}.${t.name}' AS name, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS hash FROM "${t.schema}"."${t.name}" x`,
    )
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ name: string; hash: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}

function allows(access: Access, role: Role): boolean {
  return access === "public" || access === "signed-in" || access.includes(role);
}

describe("authorization matrix over every tRPC procedure", () => {
  let t: TestDatabase;
  let f: Fixtures;
  const callers = {} as Record<Role | "anonymous" | "otherAdmin", Caller>;

  beforeAll(async () => {
    t = await createTestDatabase();
    const acme = await createWorkspace(t.prisma, { name: "Acme" });
    const globex = await createWorkspace(t.prisma, { name: "Globex" });
    for (const role of ROLES) {
      callers[role] = callerFor(t.prisma, (await createUser(t.prisma, { workspaceId: acme.id, role })).id);
    }
    callers.anonymous = callerFor(t.prisma, null);
    callers.otherAdmin = callerFor(
      t.prisma,
      (await createUser(t.prisma, { workspaceId: globex.id, role: "ADMIN" })).id,
    );

    const admin = callers.ADMIN;
    const objectiveId = (await admin.objective.create({ name: "Activation", metric })).id;
    const journey = await admin.journey.create({ name: "Welcome", objectiveId });
    const first = await admin.version.openDraft({ journeyId: journey.id });
    await admin.version.saveDraft({ versionId: first.id, baseRevision: first.revision, definition: buildJourney() });
    await admin.version.publish({ versionId: first.id });
    const draft = await admin.version.openDraft({ journeyId: journey.id });
    const request = await callers.MARKETER.publication.request({ versionId: draft.id });
    const writeKey = await admin.runtime.writeKeys.create({ name: "Shop" });
    const customer = await t.prisma.customer.create({
      data: { workspaceId: acme.id, externalId: "ada", email: "ada@example.com" },
    });
    const exported = await admin.journey.export({ versionId: first.id });
    f = {
      objectiveId,
      journeyId: journey.id,
      publishedVersionId: first.id,
      draftVersionId: draft.id,
      draftRevision: draft.revision,
      requestId: request.id,
      writeKeyId: writeKey.id,
      customerId: customer.id,
      exported: typeof exported === "string" ? exported : JSON.stringify(exported),
    };
  });
  afterAll(() => t?.drop());

  it("has an access rule and a test input for every procedure of the router, and no rule for a removed one", () => {
    expect(paths.length).toBeGreaterThan(50);
    expect(paths).toEqual(Object.keys(ACCESS).sort());
    const withoutInput = paths.filter((p) => inputFor(p, f) === undefined && !["session.me"].includes(p));
    const inputless = [
      "workspace.members",
      "workspace.invitations",
      "workspace.settings",
      "guardrails.global",
      "guardrails.modelDataPolicy",
      "runtime.writeKeys.list",
    ];
    expect(withoutInput.sort()).toEqual(inputless.sort());
  });

  // Refused calls run first, on untouched fixtures, so that each one would have had something to change.
  describe("refused", () => {
    for (const path of paths) {
      const access = ACCESS[path] ?? MEMBERS;
      const kind = procedures[path]?._def.type;
      const refusedRoles =
        access === "signed-in" || access === "public" ? [] : ROLES.filter((r) => !access.includes(r));
      it(`${path} (${kind}) refuses ${access === "public" ? "a bad token" : "no session"}${refusedRoles.length ? ` and ${refusedRoles.join(", ")}` : ""}, changing nothing`, async () => {
        const input = inputFor(path, f);
        const before = kind === "mutation" ? await snapshot(t.prisma) : null;
        const anonymous = await call(callers.anonymous, path, input);
        expect(anonymous.ok ? "ok" : anonymous.code).toBe(access === "public" ? "NOT_FOUND" : "UNAUTHORIZED");
        for (const role of refusedRoles) {
          const result = await call(callers[role], path, input);
          expect(result.ok ? "ok" : result.code, `${role} calling ${path}`).toBe("FORBIDDEN");
        }
        if (before) expect(await snapshot(t.prisma)).toEqual(before);
      });
    }
  });

  describe("another workspace's admin", () => {
    for (const path of paths) {
      const kind = procedures[path]?._def.type;
      it(`${path} (${kind}) neither reads nor changes this workspace's rows`, async () => {
        const input = inputFor(path, f);
        const acmeIds = Object.values(f).filter((v) => typeof v === "string" && v.length < 40) as string[];
        const pointsAtAcme = acmeIds.some((id) => JSON.stringify(input ?? null).includes(id));
        const before = kind === "mutation" && pointsAtAcme ? await snapshot(t.prisma) : null;
        const result = await call(callers.otherAdmin, path, input);
        if (pointsAtAcme && kind === "mutation") {
          expect(result.ok ? "ok" : "refused", `${path} with this workspace's ids`).toBe("refused");
        }
        if (!result.ok) expect(["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"]).toContain(result.code);
        else {
          // A query scoped to the caller's own workspace may answer, with nothing of this one in it.
          const text = JSON.stringify(result.value ?? null);
          for (const id of acmeIds) expect(text, `${path} leaks ${id}`).not.toContain(id);
        }
        if (before) expect(await snapshot(t.prisma)).toEqual(before);
      });
    }
  });

  describe("allowed", () => {
    for (const path of paths) {
      const access = ACCESS[path] ?? MEMBERS;
      const allowedRoles = ROLES.filter((r) => allows(access, r));
      it(`${path} lets ${allowedRoles.join(", ")} through the access checks`, async () => {
        for (const role of allowedRoles) {
          const result = await call(callers[role], path, inputFor(path, f));
          // Past the checks a call may still fail on its own terms (a draft already published, a missing message);
          // what it must not be is refused for who is calling.
          if (!result.ok) expect(["UNAUTHORIZED", "FORBIDDEN"], `${role} calling ${path}`).not.toContain(result.code);
        }
      });
    }
  });
});
