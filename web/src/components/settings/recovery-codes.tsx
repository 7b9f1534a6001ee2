"use client";

import { useEffect, useState } from "react";
import { Button } from "../ui/button";
import { CheckIcon, CopyIcon, DownloadIcon } from "../ui/icons";

const fileName = "hearth-recovery-codes.txt";

/** The recovery codes as a file's text: a line saying what they are, then one code a line. */
export function recoveryCodesText(codes: string[], createdAt = new Date()): string {
  return [
    `Hearth recovery codes (made ${createdAt.toISOString().slice(0, 10)}). Each one signs you in once.`,
    "",
    ...codes,
    "",
  ].join("\n");
}

/** The codes, with Copy (to the clipboard) and Download (a .txt made in the browser; nothing is sent anywhere). */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (copy !== "copied") return;
    const timer = setTimeout(() => setCopy("idle"), 2500);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyCodes = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopy("copied");
    } catch {
      // No clipboard outside https (or when the browser refuses): the codes are on screen to select by hand.
      setCopy("failed");
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([recoveryCodesText(codes)], { type: "text/plain;charset=utf-8" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div>
      <ul
        className="grid grid-cols-2 gap-2 rounded-lg bg-stone-100 p-3 font-mono text-sm select-all"
        aria-label="Recovery codes"
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => void copyCodes()}>
          {copy === "copied" ? <CheckIcon /> : <CopyIcon />}
          {copy === "copied" ? "Copied" : "Copy codes"}
        </Button>
        <Button variant="secondary" onClick={download}>
          <DownloadIcon size={16} strokeWidth={2} />
          Download .txt
        </Button>
        <p role="status" className={copy === "failed" ? "text-sm text-stone-600" : "sr-only"}>
          {copy === "copied"
            ? "Copied to the clipboard."
            : copy === "failed"
              ? "Your browser did not allow copying: select the codes and copy them, or download them."
              : ""}
        </p>
      </div>
    </div>
  );
}
