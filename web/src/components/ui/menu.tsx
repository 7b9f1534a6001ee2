"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export type MenuItem = {
  label: string;
  icon?: ReactNode;
  /** Shown after the label (a count); part of the item's accessible name, so include any screen-reader words. */
  after?: ReactNode;
  danger?: boolean;
  current?: boolean;
} & ({ href: string; onSelect?: never } | { onSelect: () => void; href?: never });

/**
 * A menu button (WAI-ARIA menu pattern): the button says it opens a menu and whether it is open; arrow keys, Home and
 * End move between items, Esc closes and returns focus to the button, as do choosing an item, Tab and a click outside.
 */
export function MenuButton({
  label,
  children,
  items,
  buttonClassName = "",
  placement = "below",
  align = "end",
}: {
  /** The button's accessible name, and the menu's. */
  label: string;
  /** What the button shows (an icon, a visible label). */
  children: ReactNode;
  items: MenuItem[];
  buttonClassName?: string;
  placement?: "below" | "above";
  align?: "start" | "end";
}) {
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLElement | null)[]>([]);
  const buttonId = useId();
  const menuId = useId();

  useEffect(() => {
    if (open) itemRefs.current[focusIndex]?.focus();
  }, [open, focusIndex]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const openAt = (index: number) => {
    setFocusIndex((index + items.length) % items.length);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (item: MenuItem) => {
    close();
    item.onSelect?.();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      openAt(e.key === "ArrowDown" ? 0 : -1);
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: focusIndex + 1,
      ArrowUp: focusIndex - 1,
      Home: 0,
      End: items.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      setFocusIndex((moves[e.key]! + items.length) % items.length);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === "Tab") {
      setOpen(false);
    }
  };

  const itemClass = (item: MenuItem) =>
    `flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left text-sm font-medium outline-offset-[-2px] ${item.danger ? "text-red-700 hover:bg-red-50" : "text-stone-700 hover:bg-stone-100"} ${item.current ? "bg-ember-50 text-ember-800" : ""}`;

  return (
    <div ref={wrapper} className="relative">
      <button
        ref={button}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        onClick={() => (open ? setOpen(false) : openAt(0))}
        onKeyDown={onButtonKey}
        className={buttonClassName}
      >
        {children}
      </button>
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          onKeyDown={onMenuKey}
          className={`absolute z-30 min-w-52 rounded-xl border border-stone-200 bg-white p-1.5 shadow-lg ${placement === "above" ? "bottom-full mb-2" : "top-full mt-2"} ${align === "end" ? "right-0" : "left-0"}`}
        >
          {items.map((item, i) => {
            const content = (
              <>
                {item.icon ? <span className="shrink-0 text-stone-500">{item.icon}</span> : null}
                <span className="flex-1">{item.label}</span>
                {item.after}
              </>
            );
            const common = {
              role: "menuitem",
              tabIndex: -1,
              className: itemClass(item),
              ref: (el: HTMLElement | null) => {
                itemRefs.current[i] = el;
              },
            } as const;
            return item.href ? (
              <Link
                key={item.label}
                href={item.href}
                aria-current={item.current ? "page" : undefined}
                onClick={close}
                {...common}
              >
                {content}
              </Link>
            ) : (
              <button key={item.label} type="button" onClick={() => choose(item)} {...common}>
                {content}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
