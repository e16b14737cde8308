-- AlterTable
ALTER TABLE "WorkerHeartbeat" ADD COLUMN     "queueWorkerIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "webhookSecret" TEXT;

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "externalId" TEXT,
    "anonymousId" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "traits" JSONB NOT NULL DEFAULT '{}',
    "timeZone" TEXT,
    "consent" JSONB NOT NULL DEFAULT '{}',
    "unsubscribedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WriteKey" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "WriteKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT,
    "userId" TEXT,
    "anonymousId" TEXT,
    "customerId" TEXT,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "traits" JSONB,
    "context" JSONB,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'ACTIVE',
    "holdout" BOOLEAN NOT NULL DEFAULT false,
    "currentStepId" TEXT,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "waitingFor" TEXT,
    "waitUntil" TIMESTAMP(3),
    "resumedBy" TEXT,
    "exitReason" TEXT,
    "triggerEventId" TEXT,
    "enteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StepExecution" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "edgeId" TEXT,
    "outcome" TEXT NOT NULL,
    "workerId" TEXT,
    "executedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StepExecution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "customerId" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "candidates" JSONB NOT NULL,
    "removed" JSONB NOT NULL DEFAULT '[]',
    "scores" JSONB NOT NULL,
    "chosenEdgeId" TEXT NOT NULL,
    "explore" BOOLEAN NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "rationale" TEXT NOT NULL,
    "reward" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "enrollmentId" TEXT,
    "journeyId" TEXT,
    "stepId" TEXT,
    "customerId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "text" TEXT,
    "links" JSONB NOT NULL DEFAULT '[]',
    "trackingToken" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "provider" TEXT,
    "providerMessageId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "quarantinedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "clickedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EdgeDailyCount" (
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "edgeId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EdgeDailyCount_pkey" PRIMARY KEY ("journeyId","edgeId","day")
);

-- CreateTable
CREATE TABLE "EdgeActivity" (
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "edgeId" TEXT NOT NULL,
    "lastFiredAt" TIMESTAMP(3) NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EdgeActivity_pkey" PRIMARY KEY ("journeyId","edgeId")
);

-- CreateTable
CREATE TABLE "NodeDailyCount" (
    "workspaceId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NodeDailyCount_pkey" PRIMARY KEY ("journeyId","nodeId","day")
);

-- CreateIndex
CREATE INDEX "Customer_workspaceId_email_idx" ON "Customer"("workspaceId", "email");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_createdAt_idx" ON "Customer"("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_workspaceId_externalId_key" ON "Customer"("workspaceId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_workspaceId_anonymousId_key" ON "Customer"("workspaceId", "anonymousId");

-- CreateIndex
CREATE UNIQUE INDEX "WriteKey_hash_key" ON "WriteKey"("hash");

-- CreateIndex
CREATE INDEX "WriteKey_workspaceId_idx" ON "WriteKey"("workspaceId");

-- CreateIndex
CREATE INDEX "Event_workspaceId_customerId_timestamp_idx" ON "Event"("workspaceId", "customerId", "timestamp");

-- CreateIndex
CREATE INDEX "Event_processedAt_receivedAt_idx" ON "Event"("processedAt", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Event_workspaceId_messageId_key" ON "Event"("workspaceId", "messageId");

-- CreateIndex
CREATE INDEX "Enrollment_workspaceId_customerId_state_idx" ON "Enrollment"("workspaceId", "customerId", "state");

-- CreateIndex
CREATE INDEX "Enrollment_journeyId_customerId_idx" ON "Enrollment"("journeyId", "customerId");

-- CreateIndex
CREATE INDEX "Enrollment_journeyId_state_idx" ON "Enrollment"("journeyId", "state");

-- CreateIndex
CREATE INDEX "Enrollment_versionId_currentStepId_state_idx" ON "Enrollment"("versionId", "currentStepId", "state");

-- CreateIndex
CREATE INDEX "StepExecution_workspaceId_executedAt_idx" ON "StepExecution"("workspaceId", "executedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StepExecution_enrollmentId_seq_key" ON "StepExecution"("enrollmentId", "seq");

-- CreateIndex
CREATE INDEX "Decision_workspaceId_createdAt_idx" ON "Decision"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_journeyId_stepId_createdAt_idx" ON "Decision"("journeyId", "stepId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_enrollmentId_seq_key" ON "Decision"("enrollmentId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Message_idempotencyKey_key" ON "Message"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Message_trackingToken_key" ON "Message"("trackingToken");

-- CreateIndex
CREATE INDEX "Message_workspaceId_createdAt_idx" ON "Message"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_workspaceId_status_idx" ON "Message"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "Message_customerId_idx" ON "Message"("customerId");

-- CreateIndex
CREATE INDEX "EdgeDailyCount_workspaceId_day_idx" ON "EdgeDailyCount"("workspaceId", "day");

-- CreateIndex
CREATE INDEX "EdgeActivity_workspaceId_idx" ON "EdgeActivity"("workspaceId");

-- CreateIndex
CREATE INDEX "NodeDailyCount_workspaceId_day_idx" ON "NodeDailyCount"("workspaceId", "day");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WriteKey" ADD CONSTRAINT "WriteKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
