/** Whether the person asked their system for less motion; JavaScript-driven scrolling and animation honour it. */
export function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** "smooth", unless the person asked for less motion. */
export const scrollBehaviour = (): ScrollBehavior => (prefersReducedMotion() ? "auto" : "smooth");
