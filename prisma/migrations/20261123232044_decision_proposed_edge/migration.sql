-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "proposedEdgeId" TEXT;
