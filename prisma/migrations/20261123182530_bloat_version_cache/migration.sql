-- CreateTable
CREATE TABLE "BloatVersionEdge" (
    "versionId" TEXT NOT NULL,
    "edgeId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "label" TEXT,
    "sourceId" TEXT NOT NULL,
    "sourceName" TEXT,
    "sourceKind" TEXT,
    "targetId" TEXT NOT NULL,
    "targetName" TEXT,
    "targetKind" TEXT,

    CONSTRAINT "BloatVersionEdge_pkey" PRIMARY KEY ("versionId","edgeId")
);

-- CreateTable
CREATE TABLE "BloatVersionShape" (
    "versionId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "nodes" INTEGER NOT NULL,
    "branches" INTEGER NOT NULL,
    "ruleSplits" INTEGER NOT NULL,
    "entryNodeIds" TEXT[],
    "entryKeys" TEXT[],

    CONSTRAINT "BloatVersionShape_pkey" PRIMARY KEY ("versionId")
);

-- CreateIndex
CREATE INDEX "BloatVersionEdge_workspaceId_idx" ON "BloatVersionEdge"("workspaceId");

-- CreateIndex
CREATE INDEX "BloatVersionShape_workspaceId_idx" ON "BloatVersionShape"("workspaceId");
