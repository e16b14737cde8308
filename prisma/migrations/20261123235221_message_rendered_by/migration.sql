-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "renderedBy" TEXT;
