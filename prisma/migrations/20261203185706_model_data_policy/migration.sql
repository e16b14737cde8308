-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "modelDataPolicy" JSONB NOT NULL DEFAULT '{}';
