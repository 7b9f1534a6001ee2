import { LegalDocumentPage } from "../legal-document-page";
import { LEGAL_PAGES } from "@/components/legal/legal-links";

export const metadata = { title: LEGAL_PAGES.privacy.title };

export default function PrivacyPage() {
  return <LegalDocumentPage kind="privacy" />;
}
