import { exportJourney, importJourney } from "@northstar/journey";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { asDefinition } from "./draft-definition";
import { createJourney } from "./journey-service";
import { getVersion } from "./version-service";

/** The versioned JSON document of one version, for download. */
export async function exportVersion(ctx: DomainContext, versionId: string) {
  const version = await getVersion(ctx, versionId);
  const journey = await ctx.db.journey.findFirstOrThrow({
    where: { id: version.journeyId, workspaceId: ctx.actor.workspaceId },
    include: { objective: { select: { id: true, name: true } } },
  });
  return {
    fileName: `${journey.name.replace(/[^A-Za-z0-9-_]+/g, "-").toLowerCase()}-v${version.number}.json`,
    content: exportJourney(asDefinition(version.definition), {
      name: journey.name,
      objective: { id: journey.objective.id, name: journey.objective.name },
    }),
  };
}

/** Creates a journey from an exported document; a bad file is refused naming the JSON path of each problem. */
export async function importJourneyFile(
  ctx: DomainContext,
  input: { content: string; objectiveId: string; name?: string },
) {
  const result = importJourney(input.content);
  if (!result.ok) {
    throw new AppError("BAD_REQUEST", `Import refused: ${result.problems.length} problem(s)`, {
      userMessage: `The file has ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}`,
      details: { problems: result.problems },
    });
  }
  return createJourney(ctx, {
    name: input.name ?? result.document.name,
    objectiveId: input.objectiveId,
    definition: result.document.definition,
  });
}
