import type { ReactNode } from "react";

/** What a page or list shows when it has nothing yet: an icon, a title, one line, and optionally the way on. */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-2xl border border-dashed border-stone-300 bg-white/60 px-6 py-10 text-center">
      {icon ? (
        <span
          aria-hidden
          className="mb-3 inline-flex size-12 items-center justify-center rounded-full bg-stone-100 text-stone-500"
        >
          {icon}
        </span>
      ) : null}
      <p className="font-medium text-stone-800">{title}</p>
      {children ? <div className="mt-1 max-w-prose text-sm text-stone-500">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
