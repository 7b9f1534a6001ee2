"use client";

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "./button";

/**
 * The app's one modal dialog: a native <dialog> opened with showModal(), so the browser keeps focus inside it, makes
 * the page behind inert and closes it on Esc. It is open while mounted (and `open`); every way of closing it (Esc,
 * the backdrop, a Cancel button calling onClose) ends in onClose, and focus goes back to what opened it.
 */
export function Dialog({
  open = true,
  onClose,
  title,
  description,
  role = "dialog",
  closeOnBackdrop = true,
  showClose = false,
  className = "",
  children,
}: {
  open?: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** "alertdialog" for questions that interrupt (confirmations). */
  role?: "dialog" | "alertdialog";
  closeOnBackdrop?: boolean;
  /** A × (named "Close") in the corner, for dialogs without a Cancel. */
  showClose?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // Unmounting removes the dialog before the browser would hand focus back itself.
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // React hands a nested dialog's close event to its ancestors' onClose too: only this dialog's own counts.
      onClose={(e) => e.target === e.currentTarget && onClose()}
      onClick={(e) => closeOnBackdrop && e.target === e.currentTarget && ref.current?.close()}
      className={`m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-950/50 ${className}`}
    >
      <div className="flex max-h-[85dvh] flex-col">
        <div className="flex items-start gap-3 p-5 pb-3">
          <div className="min-w-0 flex-1 space-y-1">
            <h2 id={titleId} className="text-lg font-semibold text-balance">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="text-sm text-stone-600">
                {description}
              </div>
            ) : null}
          </div>
          {showClose ? (
            <button
              type="button"
              onClick={() => ref.current?.close()}
              className="-mt-1.5 -mr-2 inline-flex size-9 shrink-0 items-center justify-center rounded-full text-xl text-stone-500 hover:bg-stone-100"
            >
              <span aria-hidden>×</span>
              <span className="sr-only">Close</span>
            </button>
          ) : null}
        </div>
        {children}
      </div>
    </dialog>
  );
}

/** The dialog's scrolling middle (a list of people, a form's fields). */
export const dialogBodyClass = "min-h-0 flex-1 overflow-y-auto px-5 pb-3";

/** The dialog's buttons, end-aligned under a rule. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap justify-end gap-2 border-t border-stone-100 p-4">{children}</div>;
}

export type ConfirmOptions = {
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** The confirm button is styled as destructive. */
  danger?: boolean;
};

/** A yes/no question in the app's dialog; Cancel comes first, so it has the focus when the dialog opens. */
export function ConfirmDialog({
  options,
  onAnswer,
}: {
  options: ConfirmOptions;
  onAnswer: (confirmed: boolean) => void;
}) {
  return (
    <Dialog
      role="alertdialog"
      title={options.title}
      description={options.body}
      onClose={() => onAnswer(false)}
      closeOnBackdrop={false}
    >
      <DialogFooter>
        <Button variant="secondary" onClick={() => onAnswer(false)}>
          {options.cancelLabel ?? "Cancel"}
        </Button>
        <Button variant={options.danger ? "danger" : "primary"} onClick={() => onAnswer(true)}>
          {options.confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

/**
 * The app's replacement for window.confirm(): `await confirm({...})` resolves true or false once answered. Render
 * `confirmDialog` somewhere in the component (it is null while nothing is asked).
 */
export function useConfirm(): { confirm: (options: ConfirmOptions) => Promise<boolean>; confirmDialog: ReactNode } {
  const [asking, setAsking] = useState<{ options: ConfirmOptions; resolve: (confirmed: boolean) => void } | null>(null);
  const confirm = useCallback(
    (options: ConfirmOptions) => new Promise<boolean>((resolve) => setAsking({ options, resolve })),
    [],
  );
  const answer = (confirmed: boolean) => {
    asking?.resolve(confirmed);
    setAsking(null);
  };
  return { confirm, confirmDialog: asking ? <ConfirmDialog options={asking.options} onAnswer={answer} /> : null };
}
