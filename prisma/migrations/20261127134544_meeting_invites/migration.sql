-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'MEETING_INVITE';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "roomId" TEXT;
