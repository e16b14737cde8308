-- DropIndex
DROP INDEX "Enrollment_versionId_currentStepId_state_idx";

-- Room on each page for the new row version of a step's update, so that it stays on the page (HOT).
ALTER TABLE "Enrollment" SET (fillfactor = 80);
