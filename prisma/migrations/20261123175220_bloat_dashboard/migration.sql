-- CreateTable
CREATE TABLE "BloatSnapshot" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "journeys" INTEGER NOT NULL,
    "nodes" INTEGER NOT NULL,
    "branches" INTEGER NOT NULL,
    "staleBranches" INTEGER NOT NULL,
    "ruleSplits" INTEGER NOT NULL,

    CONSTRAINT "BloatSnapshot_pkey" PRIMARY KEY ("workspaceId","day")
);

-- CreateIndex
CREATE INDEX "Enrollment_workspaceId_enteredAt_idx" ON "Enrollment"("workspaceId", "enteredAt");
