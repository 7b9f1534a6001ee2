"use client";

import { useEffect, useState } from "react";
import { formatDuration } from "@/lib/dates";
import type { CallParty } from "@/server/services/realtime/events";
import { Avatar } from "../ui/avatar";
import type { CallController } from "./call-controller";
import type { CallSnapshot } from "./call-snapshot";
import { CallControls, RoundButton } from "./call-controls";
import type { CallQuality } from "./call-stats";
import { PhoneIcon, PhoneOffIcon } from "@/components/ui/icons";
import { StreamVideo } from "./video-view";

/** The full-screen call: ringing out, in the call, or how it ended. Laid out for phones first. */
export function CallScreen({ controller, snapshot }: { controller: CallController; snapshot: CallSnapshot }) {
  const { phase, remoteStream, remoteMedia, localPreview, localMedia } = snapshot;
  if (phase.kind !== "outgoing" && phase.kind !== "in-call" && phase.kind !== "ended") return null;
  const other = phase.other;
  const inCall = phase.kind === "in-call";
  const showRemote = inCall && !!remoteStream && (remoteMedia.video || remoteMedia.screen);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={`Video call with ${other.displayName}`}
      data-theme="light"
      className="fixed inset-0 z-50 flex flex-col bg-stone-950 text-white"
    >
      <div className="relative min-h-0 flex-1 overflow-hidden">
        {inCall ? (
          <StreamVideo
            data-testid="remote-video"
            stream={remoteStream}
            version={snapshot.remoteVersion}
            className={`absolute inset-0 size-full object-contain sm:object-cover ${showRemote ? "" : "invisible"}`}
          />
        ) : phase.kind === "outgoing" ? (
          <StreamVideo
            stream={localPreview}
            muted
            className="absolute inset-0 size-full -scale-x-100 object-cover opacity-40"
          />
        ) : null}
        {!showRemote ? <Portrait other={other} /> : null}
        <div className="absolute inset-x-0 top-0 flex flex-col gap-3 bg-gradient-to-b from-stone-950/80 to-transparent px-4 pt-[max(1rem,env(safe-area-inset-top))] pb-8">
          <TopBar snapshot={snapshot} other={other} />
          {inCall ? (
            <RemoteBadges
              snapshot={snapshot}
              name={other.displayName}
              onShown={() => controller.acknowledgeRecording()}
            />
          ) : (
            <div className="flex justify-center">
              <MyRecordingNote
                state={snapshot.recording.mine}
                error={snapshot.recording.error}
                name={other.displayName}
              />
            </div>
          )}
        </div>
        {inCall && localPreview ? (
          <StreamVideo
            data-testid="local-video"
            stream={localPreview}
            muted
            aria-label="Your camera"
            className={`absolute right-3 bottom-3 aspect-[3/4] w-24 rounded-xl border border-white/20 bg-stone-800 object-cover shadow-lg sm:aspect-video sm:w-56 ${localMedia?.screen ? "" : "-scale-x-100"} ${localMedia?.video || localMedia?.screen ? "" : "opacity-30"}`}
          />
        ) : null}
      </div>
      <div className="flex justify-center border-t border-white/10 bg-stone-950/90 px-2 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
        {phase.kind === "in-call" ? (
          <CallControls controller={controller} snapshot={snapshot} />
        ) : phase.kind === "outgoing" ? (
          <RoundButton
            label="Cancel"
            caption="Cancel"
            onClick={() => controller.hangUp()}
            className="bg-red-600 hover:bg-red-700"
          >
            <PhoneOffIcon />
          </RoundButton>
        ) : (
          <div className="flex gap-8">
            <RoundButton
              label="Close"
              caption="Close"
              onClick={() => controller.dismiss()}
              className="bg-white/15 hover:bg-white/25"
            >
              <span aria-hidden className="text-2xl leading-none">
                ×
              </span>
            </RoundButton>
            <RoundButton
              label="Call again"
              caption="Call again"
              onClick={() => void controller.start(other)}
              className="bg-emerald-600 hover:bg-emerald-700"
            >
              <PhoneIcon />
            </RoundButton>
          </div>
        )}
      </div>
    </div>
  );
}

/** The other person's photo and name in the middle (while ringing, after the call, or with their camera off). */
function Portrait({ other }: { other: CallParty }) {
  return (
    <div className="absolute inset-0 flex flex-col items-center justify-center gap-3 px-6 text-center">
      <Avatar name={other.displayName} url={other.avatarUrl} seed={other.id} size={112} />
      <p className="max-w-full truncate text-2xl font-semibold">{other.displayName}</p>
    </div>
  );
}

function TopBar({ snapshot, other }: { snapshot: CallSnapshot; other: CallParty }) {
  const { phase, connection, stats } = snapshot;
  const status =
    phase.kind === "outgoing" ? (
      `Calling ${other.displayName}…`
    ) : phase.kind === "ended" ? (
      phase.outcome
    ) : connection === "reconnecting" ? (
      "Reconnecting…"
    ) : connection === "connected" && phase.kind === "in-call" && phase.call.acceptedAt ? (
      <Timer since={phase.call.acceptedAt} />
    ) : (
      "Connecting…"
    );
  return (
    <div>
      <p className="truncate text-lg font-semibold">{other.displayName}</p>
      <p
        role="status"
        className={`flex items-center gap-2 text-sm ${phase.kind === "ended" && phase.failed ? "font-medium text-red-300" : "text-stone-200"}`}
      >
        {status}
        {phase.kind === "in-call" && connection === "connected" && stats ? (
          <QualityBadge quality={stats.quality} />
        ) : null}
      </p>
      {phase.kind === "in-call" ? (
        <p className="mt-1 text-xs text-stone-300">
          End-to-end encrypted, peer to peer{stats?.relayed ? " · relayed through our TURN server" : ""}
        </p>
      ) : null}
    </div>
  );
}

function Timer({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span data-testid="call-timer">
      {formatDuration(Math.max(0, Math.floor((now - new Date(since).getTime()) / 1000)))}
    </span>
  );
}

const qualityStyles: Record<CallQuality, { label: string; bars: number; colour: string }> = {
  good: { label: "Good connection", bars: 3, colour: "bg-emerald-400" },
  fair: { label: "Fair connection", bars: 2, colour: "bg-amber-400" },
  poor: { label: "Poor connection", bars: 1, colour: "bg-red-400" },
};

function QualityBadge({ quality }: { quality: CallQuality }) {
  const style = qualityStyles[quality];
  return (
    <span className="inline-flex items-end gap-0.5" title={style.label} role="img" aria-label={style.label}>
      {[1, 2, 3].map((bar) => (
        <span
          key={bar}
          className={`w-1 rounded-sm ${bar <= style.bars ? style.colour : "bg-white/25"}`}
          style={{ height: 4 + bar * 3 }}
        />
      ))}
    </span>
  );
}

/** What the other side is doing: muted, camera off, recording (their recording starts once this banner has shown). */
function RemoteBadges({ snapshot, name, onShown }: { snapshot: CallSnapshot; name: string; onShown: () => void }) {
  const { remoteMedia, recording } = snapshot;
  const theyRecord = recording.theirs;
  useEffect(() => {
    if (theyRecord) onShown();
  }, [theyRecord, onShown]);
  return (
    <div className="flex flex-col items-center gap-2 empty:hidden">
      {theyRecord ? (
        <p
          role="alert"
          className="flex items-center gap-2 rounded-full bg-red-600 px-4 py-1.5 text-sm font-semibold shadow-lg"
        >
          <span aria-hidden className="size-2 animate-pulse rounded-full bg-white" />
          {name} is recording this call
        </p>
      ) : null}
      <MyRecordingNote state={recording.mine} error={recording.error} name={name} />
      <div className="flex gap-2">
        {!remoteMedia.audio ? <Badge>{name.split(" ")[0]} is muted</Badge> : null}
        {!remoteMedia.video && !remoteMedia.screen ? <Badge>Camera off</Badge> : null}
        {remoteMedia.screen ? <Badge>Sharing their screen</Badge> : null}
      </div>
    </div>
  );
}

function MyRecordingNote({
  state,
  error,
  name,
}: {
  state: CallSnapshot["recording"]["mine"];
  error: string | null;
  name: string;
}) {
  if (error) return <Badge>{error}</Badge>;
  if (state === "requested") return <Badge>Waiting for {name.split(" ")[0]} to see that you are recording…</Badge>;
  if (state === "recording") return <Badge tone="red">● Recording</Badge>;
  if (state === "saving") return <Badge>Saving the recording to your conversation…</Badge>;
  return null;
}

function Badge({ children, tone = "dark" }: { children: React.ReactNode; tone?: "dark" | "red" }) {
  return (
    <span
      className={`rounded-full px-3 py-1 text-xs font-medium shadow ${tone === "red" ? "bg-red-600 text-white" : "bg-stone-900/80 text-stone-100"}`}
    >
      {children}
    </span>
  );
}
