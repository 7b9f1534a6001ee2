import { auth } from "@/auth";
import { AppShell } from "@/components/shell/app-shell";
import { PublicShell } from "@/components/shell/public-shell";
import { Card } from "@/components/ui/card";
import { fullDate } from "@/lib/dates";
import { deps } from "@/server/infra/deps";
import { getLegalDocument } from "@/server/services/legal/legal-documents";
import type { LegalKind } from "@/lib/legal";
import { LegalMarkdown } from "@/components/legal/legal-markdown";
import { loadShellUser } from "@/server/services/accounts/shell-user";

/**
 * /privacy and /terms: the admin's text (or the committed default), for everyone. Signed in, inside the app's frame;
 * signed out, inside the public one (sign-up links here).
 */
export async function LegalDocumentPage({ kind }: { kind: LegalKind }) {
  const [session, document] = await Promise.all([auth(), getLegalDocument(deps(), kind)]);
  const body = (
    <Card>
      <article>
        <LegalMarkdown markdown={document.markdown} />
      </article>
      <p className="mt-8 border-t border-stone-200 pt-4 text-sm text-stone-600">
        Version {document.version}
        {document.updatedAt ? ` · updated ${fullDate(document.updatedAt)}` : " · Hearth's default text"}
      </p>
    </Card>
  );
  if (session?.user) return <AppShell me={await loadShellUser(deps(), session.user)}>{body}</AppShell>;
  return <PublicShell wide>{body}</PublicShell>;
}
