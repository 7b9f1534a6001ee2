import { auth } from "@/auth";
import { AppShell } from "@/components/shell/app-shell";
import { NotFoundMessage } from "@/components/shell/not-found-message";
import { PublicShell } from "@/components/shell/public-shell";
import { deps } from "@/server/infra/deps";
import { loadShellUser } from "@/server/services/accounts/shell-user";

export const metadata = { title: "Not found" };

/** Any address nothing answers: Hearth's frame (the app's navigation when signed in), never Next's bare 404. */
export default async function NotFound() {
  const session = await auth();
  if (session?.user) {
    return (
      <AppShell me={await loadShellUser(deps(), session.user)}>
        <NotFoundMessage signedIn />
      </AppShell>
    );
  }
  return (
    <PublicShell>
      <NotFoundMessage signedIn={false} />
    </PublicShell>
  );
}
