-- CreateTable
CREATE TABLE "BloatPressureWeek" (
    "workspaceId" TEXT NOT NULL,
    "week" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "customers" INTEGER NOT NULL,
    "messages" INTEGER NOT NULL,
    "p95" INTEGER NOT NULL,
    "max" INTEGER NOT NULL,
    "overCap" INTEGER NOT NULL,
    "weeklyCap" DOUBLE PRECISION,

    CONSTRAINT "BloatPressureWeek_pkey" PRIMARY KEY ("workspaceId","week","channel")
);
