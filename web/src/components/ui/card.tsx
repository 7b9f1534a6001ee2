import type { ReactNode } from "react";

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6 ${className}`}>
      {children}
    </section>
  );
}

// EmptyState moved to ./empty-state; re-exported for the modules that still import it from here.
export { EmptyState } from "./empty-state";

export function Spinner({ label = "Loading" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-2 py-8 text-sm text-stone-500">
      <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-stone-400 border-t-transparent" />
      {label}…
    </div>
  );
}
