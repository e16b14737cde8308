-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "integrations" JSONB,
ADD COLUMN     "originalTimestamp" TIMESTAMP(3),
ADD COLUMN     "sentAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WriteKey" ADD COLUMN     "allowedOrigins" TEXT[] DEFAULT ARRAY[]::TEXT[];
