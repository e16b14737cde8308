-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "attributionEndsAt" TIMESTAMP(3),
ADD COLUMN     "features" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "learnedAt" TIMESTAMP(3),
ADD COLUMN     "needsReview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "penalty" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "rewardedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PolicyState" (
    "workspaceId" TEXT NOT NULL,
    "nodeKey" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyState_pkey" PRIMARY KEY ("workspaceId","nodeKey")
);

-- CreateTable
CREATE TABLE "LlmDailySpend" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "usd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LlmDailySpend_pkey" PRIMARY KEY ("workspaceId","day")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decisionId" TEXT,
    "deliverable" JSONB,
    "edited" JSONB,
    "approvedEdgeId" TEXT,
    "reason" TEXT NOT NULL,
    "blocks" JSONB NOT NULL DEFAULT '[]',
    "rationale" TEXT NOT NULL DEFAULT '',
    "slaHours" INTEGER NOT NULL DEFAULT 24,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "note" TEXT,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuardrailBlockLog" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "customerId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuardrailBlockLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewItem_workspaceId_status_createdAt_idx" ON "ReviewItem"("workspaceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewItem_workspaceId_journeyId_status_idx" ON "ReviewItem"("workspaceId", "journeyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_enrollmentId_seq_key" ON "ReviewItem"("enrollmentId", "seq");

-- CreateIndex
CREATE INDEX "GuardrailBlockLog_workspaceId_customerId_at_idx" ON "GuardrailBlockLog"("workspaceId", "customerId", "at");

-- CreateIndex
CREATE INDEX "GuardrailBlockLog_workspaceId_at_idx" ON "GuardrailBlockLog"("workspaceId", "at");

-- CreateIndex
CREATE INDEX "GuardrailBlockLog_enrollmentId_idx" ON "GuardrailBlockLog"("enrollmentId");

-- CreateIndex
CREATE INDEX "Decision_workspaceId_customerId_createdAt_idx" ON "Decision"("workspaceId", "customerId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_customerId_rewardedAt_idx" ON "Decision"("customerId", "rewardedAt");

-- CreateIndex
CREATE INDEX "Decision_rewardedAt_attributionEndsAt_idx" ON "Decision"("rewardedAt", "attributionEndsAt");

-- CreateIndex
CREATE INDEX "Decision_learnedAt_rewardedAt_idx" ON "Decision"("learnedAt", "rewardedAt");
