"use client";

import { useSyncExternalStore } from "react";

// One shared clock for relative times, ticking every 30 seconds while something shows one.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export const useNow = () => useSyncExternalStore(subscribe, () => now, () => now);

const startOfDay = (t: number) => new Date(t).setHours(0, 0, 0, 0);
const DAY = 24 * 3600 * 1000;

/** "now", "5m", "3h", "Mon", "Mar 4", "Mar 4, 2024": short, for lists. */
export function relativeTime(date: Date, nowMs: number): string {
  const diff = nowMs - date.getTime();
  if (diff < 60_000) return "now";
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}m`;
  if (diff < DAY && startOfDay(date.getTime()) === startOfDay(nowMs)) return `${Math.floor(diff / 3600_000)}h`;
  if (startOfDay(nowMs) - startOfDay(date.getTime()) < 7 * DAY) return date.toLocaleDateString(undefined, { weekday: "short" });
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  return date.toLocaleDateString(undefined, { month: "short", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) });
}

/** "Today", "Yesterday", "Monday, March 4" (with the year when not this one): for day separators. */
export function dayLabel(date: Date, nowMs: number): string {
  const days = Math.round((startOfDay(nowMs) - startOfDay(date.getTime())) / DAY);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  return date.toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) });
}

export const timeOfDay = (date: Date) => date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });

export const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();
