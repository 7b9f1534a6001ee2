import { LegalDocumentPage } from "../legal-document-page";
import { LEGAL_PAGES } from "@/components/legal/legal-links";

export const metadata = { title: LEGAL_PAGES.terms.title };

export default function TermsPage() {
  return <LegalDocumentPage kind="terms" />;
}
