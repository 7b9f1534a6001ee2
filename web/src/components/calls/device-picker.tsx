"use client";

import { useEffect, useState } from "react";
import type { CallController } from "./call-controller";
import type { TrackKind } from "./local-media";

const kinds: { kind: TrackKind; device: MediaDeviceKind; label: string }[] = [
  { kind: "video", device: "videoinput", label: "Camera" },
  { kind: "audio", device: "audioinput", label: "Microphone" },
];

/** Choose among the cameras and microphones the browser lists (labels appear once media permission is granted). */
export function DevicePicker({ controller, onClose }: { controller: CallController; onClose: () => void }) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () => void navigator.mediaDevices.enumerateDevices().then((list) => live && setDevices(list));
    load();
    navigator.mediaDevices.addEventListener("devicechange", load);
    return () => {
      live = false;
      navigator.mediaDevices.removeEventListener("devicechange", load);
    };
  }, []);
  const choose = (kind: TrackKind, deviceId: string) => {
    setError(null);
    controller.useDevice(kind, deviceId).then(
      () => setVersion((v) => v + 1),
      () => setError("That device couldn't be used."),
    );
  };
  return (
    <div
      role="group"
      aria-label="Camera and microphone"
      className="w-full rounded-2xl bg-stone-900 p-3 text-sm shadow-xl ring-1 ring-white/10"
    >
      {kinds.map(({ kind, device, label }) => {
        const options = devices.filter((d) => d.kind === device && d.deviceId);
        return (
          <label key={kind} className="mb-2 block">
            <span className="mb-1 block text-xs font-medium text-stone-300">{label}</span>
            <select
              value={controller.currentDeviceId(kind) ?? ""}
              onChange={(e) => choose(kind, e.target.value)}
              disabled={options.length === 0}
              className="w-full rounded-lg border border-white/15 bg-stone-800 px-2 py-2 text-white focus:border-ember-400 focus:outline-none"
            >
              {options.length === 0 ? <option value="">None found</option> : null}
              {options.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `${label} ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      {error ? (
        <p role="alert" className="mb-2 text-red-300">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        onClick={onClose}
        className="w-full rounded-lg bg-white/10 py-1.5 font-medium hover:bg-white/20"
      >
        Done
      </button>
    </div>
  );
}
