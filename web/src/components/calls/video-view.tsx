"use client";

import { useEffect, useRef, type VideoHTMLAttributes } from "react";

/** A <video> showing a MediaStream (re-attached when the stream object or its track set changes). */
export function StreamVideo({
  stream,
  version = 0,
  ...props
}: { stream: MediaStream | null; version?: number } & VideoHTMLAttributes<HTMLVideoElement>) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream, version]);
  return <video ref={ref} autoPlay playsInline {...props} />;
}
