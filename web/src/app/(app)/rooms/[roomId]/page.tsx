import { RoomPage } from "@/components/rooms/room-page";
import { requireSessionUser } from "@/server/session";

export const metadata = { title: "Room" };

export default async function RoomRoute({
  params,
  searchParams,
}: {
  params: Promise<{ roomId: string }>;
  searchParams: Promise<{ join?: string }>;
}) {
  await requireSessionUser();
  const [{ roomId }, { join }] = await Promise.all([params, searchParams]);
  const id = decodeURIComponent(roomId);
  return <RoomPage key={id} roomId={id} autoJoin={join === "1"} />;
}
