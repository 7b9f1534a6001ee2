"use client";

import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { acceptInstallOffer, useInstallOffer } from "./install-prompt";

/**
 * "Install Hearth", only where the browser offers installing (it fired `beforeinstallprompt`); nothing elsewhere
 * (Safari and Firefox install from their own menus, and an installed Hearth is not offered again). Small enough for
 * a navigation bar.
 */
export function InstallButton({ className }: { className?: string }) {
  const offer = useInstallOffer();
  if (!offer) return null;
  return (
    <Button variant="secondary" className={className} onClick={() => void acceptInstallOffer()}>
      Install Hearth
    </Button>
  );
}

/** A settings section offering the install, shown only where the browser can install Hearth. */
export function InstallCard() {
  const offer = useInstallOffer();
  if (!offer) return null;
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span>
          <h2 className="font-semibold">Hearth as an app</h2>
          <span className="block text-sm text-stone-500">
            Its own window and icon, and notifications with the browser closed.
          </span>
        </span>
        <InstallButton />
      </div>
    </Card>
  );
}
