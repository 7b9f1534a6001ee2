"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { VideoIcon, VideoOffIcon } from "@/components/ui/icons";
import type { CallController } from "./call-controller";
import type { CallSnapshot } from "./call-snapshot";
import { AddPeopleDialog } from "../rooms/add-people-dialog";
import { useGroupCallsAvailable } from "../rooms/group-calls-available";
import { AddPersonIcon } from "../ui/icons";
import { roomHref } from "../rooms/rooms-provider";
import { DevicePicker } from "./device-picker";
import { MicIcon, MicOffIcon, PhoneOffIcon, RecordIcon, ScreenIcon, SwitchIcon } from "@/components/ui/icons";

const neutral = "bg-white/15 hover:bg-white/25";
const active = "bg-white text-stone-900 hover:bg-stone-200";

/** Mute, camera, devices, screen, record, add people, hang up: one row that fits a 390 px phone. */
export function CallControls({ controller, snapshot }: { controller: CallController; snapshot: CallSnapshot }) {
  const media = snapshot.localMedia;
  const router = useRouter();
  const [picking, setPicking] = useState(false);
  const [adding, setAdding] = useState(false);
  const phase = snapshot.phase;
  const [problem, setProblem] = useState<string | null>(null);
  const canShare =
    typeof navigator !== "undefined" && !!navigator.mediaDevices && "getDisplayMedia" in navigator.mediaDevices;
  const recording = snapshot.recording.mine;
  const connected = snapshot.connection === "connected";
  // Adding people moves the call to a Jitsi room: not offered without Jitsi.
  const canAddPeople = useGroupCallsAvailable();
  const attempt = (action: () => Promise<void>, message: string) => {
    setProblem(null);
    action().catch(() => setProblem(message));
  };
  return (
    <div className="relative flex w-full max-w-md flex-col items-center gap-2">
      {picking ? <DevicePicker controller={controller} onClose={() => setPicking(false)} /> : null}
      {problem ? (
        <p role="alert" className="rounded-lg bg-red-600/90 px-3 py-1 text-xs">
          {problem}
        </p>
      ) : null}
      {adding && phase.kind === "in-call" ? (
        <AddPeopleDialog
          callId={phase.call.id}
          otherPartyId={phase.other.id}
          onClose={() => setAdding(false)}
          onMoved={(room) => {
            // The same as room.moved (which the other party's tab gets): leave the 1:1 call for the room.
            controller.hangUp();
            controller.dismiss();
            router.push(roomHref(room.id, { join: true }));
          }}
        />
      ) : null}
      <div className="flex w-full items-start justify-center gap-1.5 sm:gap-4">
        <RoundButton
          label={media?.audio ? "Mute" : "Unmute"}
          pressed={!media?.audio}
          onClick={() => controller.setAudio(!media?.audio)}
          className={media?.audio ? neutral : active}
        >
          {media?.audio ? <MicIcon /> : <MicOffIcon />}
        </RoundButton>
        <RoundButton
          label={media?.video ? "Turn camera off" : "Turn camera on"}
          pressed={!media?.video}
          onClick={() => controller.setVideo(!media?.video)}
          className={media?.video ? neutral : active}
        >
          {media?.video ? <VideoIcon size={22} /> : <VideoOffIcon size={22} />}
        </RoundButton>
        <RoundButton
          label="Switch camera or microphone"
          expanded={picking}
          onClick={() => setPicking((open) => !open)}
          className={picking ? active : neutral}
        >
          <SwitchIcon />
        </RoundButton>
        {canShare ? (
          <RoundButton
            label={media?.screen ? "Stop sharing" : "Share screen"}
            pressed={!!media?.screen}
            onClick={() => attempt(() => controller.shareScreen(!media?.screen), "Screen sharing didn't start.")}
            className={media?.screen ? active : neutral}
          >
            <ScreenIcon />
          </RoundButton>
        ) : null}
        <RoundButton
          label={recording === "off" ? "Record" : "Stop recording"}
          pressed={recording !== "off"}
          disabled={recording === "saving" || (recording === "off" && !connected)}
          onClick={() => controller.record(recording === "off")}
          className={recording === "off" ? neutral : "bg-red-100 text-red-700 hover:bg-red-200"}
        >
          <RecordIcon />
        </RoundButton>
        {canAddPeople ? (
          <RoundButton
            label="Add people"
            expanded={adding}
            disabled={!connected}
            onClick={() => setAdding(true)}
            className={neutral}
          >
            <AddPersonIcon />
          </RoundButton>
        ) : null}
        <RoundButton label="Hang up" onClick={() => controller.hangUp()} className="bg-red-600 hover:bg-red-700">
          <PhoneOffIcon />
        </RoundButton>
      </div>
    </div>
  );
}

export function RoundButton({
  label,
  caption,
  onClick,
  className,
  children,
  pressed,
  expanded,
  disabled,
}: {
  label: string;
  caption?: string;
  onClick: () => void;
  className: string;
  children: ReactNode;
  pressed?: boolean;
  expanded?: boolean;
  disabled?: boolean;
}) {
  return (
    <div className="flex flex-col items-center gap-1">
      <button
        type="button"
        onClick={onClick}
        aria-label={label}
        title={label}
        aria-pressed={pressed}
        aria-expanded={expanded}
        disabled={disabled}
        className={`inline-flex size-12 shrink-0 items-center justify-center rounded-full transition-colors focus-visible:ring-4 focus-visible:ring-ember-400/60 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-40 sm:size-14 ${className}`}
      >
        {children}
      </button>
      {caption ? (
        <span aria-hidden className="text-xs text-stone-300">
          {caption}
        </span>
      ) : null}
    </div>
  );
}
