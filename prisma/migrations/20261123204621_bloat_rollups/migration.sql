-- CreateTable
CREATE TABLE "JourneyDailyEntry" (
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "JourneyDailyEntry_pkey" PRIMARY KEY ("journeyId","day")
);

-- CreateTable
CREATE TABLE "CustomerJourneyPresence" (
    "workspaceId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "lastDay" DATE NOT NULL,

    CONSTRAINT "CustomerJourneyPresence_pkey" PRIMARY KEY ("customerId","journeyId")
);

-- CreateTable
CREATE TABLE "JourneyPairDaily" (
    "workspaceId" TEXT NOT NULL,
    "journeyA" TEXT NOT NULL,
    "journeyB" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "customers" INTEGER NOT NULL,

    CONSTRAINT "JourneyPairDaily_pkey" PRIMARY KEY ("journeyA","journeyB","day")
);

-- CreateTable
CREATE TABLE "JourneyPause" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "pausedAt" TIMESTAMP(3) NOT NULL,
    "resumedAt" TIMESTAMP(3),

    CONSTRAINT "JourneyPause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BloatEdgeSince" (
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "edgeId" TEXT NOT NULL,
    "firstPublishedAt" TIMESTAMP(3) NOT NULL,
    "idleSince" TIMESTAMP(3) NOT NULL,
    "versionId" TEXT NOT NULL,

    CONSTRAINT "BloatEdgeSince_pkey" PRIMARY KEY ("journeyId","edgeId")
);

-- CreateIndex
CREATE INDEX "JourneyDailyEntry_workspaceId_day_journeyId_count_idx" ON "JourneyDailyEntry"("workspaceId", "day", "journeyId", "count");

-- CreateIndex
CREATE INDEX "CustomerJourneyPresence_lastDay_idx" ON "CustomerJourneyPresence"("lastDay");

-- CreateIndex
CREATE INDEX "JourneyPairDaily_journeyA_journeyB_day_customers_idx" ON "JourneyPairDaily"("journeyA", "journeyB", "day", "customers");

-- CreateIndex
CREATE INDEX "JourneyPairDaily_day_idx" ON "JourneyPairDaily"("day");

-- CreateIndex
CREATE INDEX "JourneyPause_journeyId_pausedAt_idx" ON "JourneyPause"("journeyId", "pausedAt");

-- CreateIndex
CREATE INDEX "BloatEdgeSince_workspaceId_idleSince_journeyId_versionId_idx" ON "BloatEdgeSince"("workspaceId", "idleSince", "journeyId", "versionId");

-- Pauses are recorded by the database, whichever code path changes a journey's status (Prisma does not model
-- triggers, so this lives only here). Times are UTC like every Prisma DateTime column.
CREATE FUNCTION "record_journey_pause"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" = 'PAUSED' AND OLD."status" <> 'PAUSED' THEN
    INSERT INTO "JourneyPause" ("id", "workspaceId", "journeyId", "pausedAt")
    VALUES (gen_random_uuid()::text, NEW."workspaceId", NEW."id", now() AT TIME ZONE 'UTC');
  ELSIF OLD."status" = 'PAUSED' AND NEW."status" <> 'PAUSED' THEN
    UPDATE "JourneyPause" SET "resumedAt" = now() AT TIME ZONE 'UTC'
    WHERE "journeyId" = NEW."id" AND "resumedAt" IS NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Journey_record_pause" AFTER UPDATE OF "status" ON "Journey"
FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "record_journey_pause"();

-- Backfill the new rollups from what databases created before them already hold.
INSERT INTO "BloatEdgeSince" ("workspaceId", "journeyId", "edgeId", "firstPublishedAt", "idleSince", "versionId")
SELECT e."workspaceId", e."journeyId", e."edgeId", min(coalesce(v."publishedAt", v."createdAt")),
  greatest(min(coalesce(v."publishedAt", v."createdAt")), max(a."lastFiredAt")),
  (array_agg(v."id" ORDER BY v."number" DESC))[1]
FROM "BloatVersionEdge" e
JOIN "JourneyVersion" v ON v."id" = e."versionId"
LEFT JOIN "EdgeActivity" a ON a."journeyId" = e."journeyId" AND a."edgeId" = e."edgeId"
GROUP BY 1, 2, 3;

INSERT INTO "JourneyDailyEntry" ("workspaceId", "journeyId", "day", "count")
SELECT d."workspaceId", d."journeyId", d."day", sum(d."count")::int
FROM "NodeDailyCount" d
WHERE EXISTS (
  SELECT 1 FROM "JourneyVersion" v CROSS JOIN LATERAL jsonb_array_elements(v."definition"->'nodes') n
  WHERE v."journeyId" = d."journeyId" AND n->>'id' = d."nodeId" AND n->>'kind' = 'entry'
)
GROUP BY 1, 2, 3;

INSERT INTO "CustomerJourneyPresence" ("workspaceId", "customerId", "journeyId", "lastDay")
SELECT "workspaceId", "customerId", "journeyId", max(("enteredAt")::date)
FROM "Enrollment"
WHERE "enteredAt" >= (now() AT TIME ZONE 'UTC')::date - 29
GROUP BY 1, 2, 3;

INSERT INTO "JourneyPairDaily" ("workspaceId", "journeyA", "journeyB", "day", "customers")
SELECT a."workspaceId", a."journeyId", b."journeyId", least(a."lastDay", b."lastDay"), count(*)::int
FROM "CustomerJourneyPresence" a
JOIN "CustomerJourneyPresence" b ON b."customerId" = a."customerId" AND a."journeyId" < b."journeyId" COLLATE "C"
GROUP BY 1, 2, 3, 4;
