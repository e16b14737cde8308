import type { JourneyStatus, VersionState } from "@northstar/db";
import { parseStoredDefinition, type StoredDefinition } from "./draft-definition";

export interface JourneySummary {
  id: string;
  name: string;
  description: string;
  status: JourneyStatus;
  tags: string[];
  objective: { id: string; name: string };
  owner: { id: string; name: string };
  liveSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VersionSummary {
  id: string;
  number: number;
  state: VersionState;
  revision: number;
  planHash: string | null;
  createdBy: { id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  restoredFromVersionId: string | null;
}

export interface VersionDetail extends VersionSummary {
  journeyId: string;
  definition: StoredDefinition;
  updatedBy: { id: string; name: string };
  readOnly: boolean;
}

type UserRef = { id: string; name: string };

export function toJourneySummary(
  row: {
    id: string;
    name: string;
    description: string;
    status: JourneyStatus;
    tags: string[];
    liveSince: Date | null;
    createdAt: Date;
    updatedAt: Date;
    objective: { id: string; name: string };
    ownerId: string;
  },
  users: Map<string, UserRef>,
): JourneySummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    tags: row.tags,
    objective: { id: row.objective.id, name: row.objective.name },
    owner: users.get(row.ownerId) ?? { id: row.ownerId, name: "Former member" },
    liveSince: row.liveSince,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

interface VersionRow {
  id: string;
  journeyId: string;
  number: number;
  state: VersionState;
  revision: number;
  planHash: string | null;
  definition: unknown;
  createdById: string;
  updatedById: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  restoredFromVersionId: string | null;
}

export function toVersionSummary(row: VersionRow, users: Map<string, UserRef>): VersionSummary {
  return {
    id: row.id,
    number: row.number,
    state: row.state,
    revision: row.revision,
    planHash: row.planHash,
    createdBy: users.get(row.createdById) ?? { id: row.createdById, name: "Former member" },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    restoredFromVersionId: row.restoredFromVersionId,
  };
}

export function toVersionDetail(row: VersionRow, users: Map<string, UserRef>): VersionDetail {
  return {
    ...toVersionSummary(row, users),
    journeyId: row.journeyId,
    definition: parseStoredDefinition(row.definition),
    updatedBy: users.get(row.updatedById) ?? { id: row.updatedById, name: "Former member" },
    readOnly: row.state !== "DRAFT",
  };
}
