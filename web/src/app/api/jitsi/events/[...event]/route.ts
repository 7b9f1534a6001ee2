import { withErrorResponses } from "@/server/http/error-response";
import { deps } from "@/server/infra/deps";
import { handleJitsiWebhook } from "@/server/services/rooms/jitsi-events-http";

export const runtime = "nodejs";

/** Room and occupant events from Prosody's event_sync component (see jitsi/prosody/hearth.cfg.lua). */
export const POST = withErrorResponses(
  async (request: Request, { params }: { params: Promise<{ event: string[] }> }) => {
    const { event } = await params;
    return handleJitsiWebhook(deps(), request, event);
  },
);
