-- CreateEnum
CREATE TYPE "LegalDocumentKind" AS ENUM ('PRIVACY', 'TERMS');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "privacyVersion" INTEGER,
ADD COLUMN     "termsAcceptedAt" TIMESTAMP(3),
ADD COLUMN     "termsVersion" INTEGER;

-- CreateTable
CREATE TABLE "LegalDocument" (
    "kind" "LegalDocumentKind" NOT NULL,
    "markdown" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "LegalDocument_pkey" PRIMARY KEY ("kind")
);

-- AddForeignKey
ALTER TABLE "LegalDocument" ADD CONSTRAINT "LegalDocument_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
