import type { ReactNode } from "react";

// http(s) URLs only; everything else in a message stays plain text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"*_~]+$/;

/** The href for a URL found in text, or null when it is not a well-formed http(s) URL. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Trims what usually follows a link rather than belonging to it: sentence punctuation, an unbalanced ")". */
function trimUrl(url: string): string {
  let out = url.replace(TRAILING_PUNCTUATION, "");
  while (out.endsWith(")") && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0))
    out = out.slice(0, -1).replace(TRAILING_PUNCTUATION, "");
  return out;
}

/**
 * A message body as React text nodes, with http(s) links made clickable. Never HTML: "<b>" shows as "<b>".
 */
export function MessageText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const start = match.index;
    const href = safeHref(url);
    if (!href) continue;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a
        key={start}
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="break-all underline underline-offset-2 hover:opacity-80"
      >
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
