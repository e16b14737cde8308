-- AlterTable
-- Rows logged before this migration were already counted by the step transactions: they start rolled up.
ALTER TABLE "StepExecution" ADD COLUMN     "rolledUp" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "targetStepId" TEXT;
ALTER TABLE "StepExecution" ALTER COLUMN "rolledUp" SET DEFAULT false;

-- CreateIndex
CREATE INDEX "StepExecution_rolledUp_idx" ON "StepExecution"("rolledUp");
