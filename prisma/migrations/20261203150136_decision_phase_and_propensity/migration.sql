-- CreateEnum
CREATE TYPE "DecisionPhase" AS ENUM ('learning', 'exploring', 'confident', 'unsure_fallback', 'unsure_review', 'no_eligible');

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "fallbackReason" TEXT,
ADD COLUMN     "phase" "DecisionPhase" NOT NULL DEFAULT 'confident',
ADD COLUMN     "propensity" DOUBLE PRECISION,
ADD COLUMN     "requestedPolicy" TEXT NOT NULL DEFAULT 'learning';

-- Backfill: earlier decisions named a fallback inside the policy label ("learning (llm fallback: timeout)").
UPDATE "Decision" SET "requestedPolicy" = 'both', "policy" = 'learning' WHERE "policy" = 'both (learning confident)';
UPDATE "Decision" SET "requestedPolicy" = 'llm', "policy" = 'learning',
  "fallbackReason" = 'not_configured: no LLM is configured, so the learning policy decided'
  WHERE "policy" = 'learning (llm not configured)';
UPDATE "Decision" SET "requestedPolicy" = 'llm', "fallbackReason" = substring("policy" from 'fallback: (.+)\)$'),
  "policy" = 'learning'
  WHERE "policy" LIKE 'learning (% fallback: %)';
UPDATE "Decision" SET "requestedPolicy" = "policy" WHERE "policy" IN ('llm', 'both');
UPDATE "Decision" SET "phase" = CASE
  WHEN "policy" = 'fallback' THEN 'no_eligible'::"DecisionPhase"
  WHEN "needsReview" THEN 'unsure_review'::"DecisionPhase"
  WHEN "rationale" LIKE '%took the fallback option instead%' THEN 'unsure_fallback'::"DecisionPhase"
  WHEN "explore" THEN 'exploring'::"DecisionPhase"
  ELSE 'confident'::"DecisionPhase" END;
UPDATE "Decision" SET "fallbackReason" = 'no option was eligible' WHERE "policy" = 'fallback';
