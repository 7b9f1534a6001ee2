"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { LegalDocumentView } from "@/server/services/legal/legal-documents";
import { LEGAL_KINDS, LEGAL_MARKDOWN_MAX, type LegalKind } from "@/lib/legal";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Card, Spinner } from "../ui/card";
import { FormAlert, TextAreaField } from "../ui/field";
import { formErrors } from "../ui/form-errors";
import { LEGAL_PAGES } from "./legal-links";
import { LegalMarkdown } from "./legal-markdown";

/** The admin's editor for /privacy and /terms: Markdown beside its preview; each save is a new version (audited). */
export function LegalEditor() {
  const [kind, setKind] = useState<LegalKind>("privacy");
  const trpc = useTRPC();
  const document = useQuery(trpc.legal.document.queryOptions({ kind }));
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      <div role="radiogroup" aria-label="Document" className="flex gap-2">
        {LEGAL_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            onClick={() => {
              setKind(k);
              setSaved(null);
            }}
            className="rounded-full border border-stone-300 bg-white px-4 py-1.5 text-sm font-medium text-stone-700 aria-checked:border-ember-600 aria-checked:bg-ember-50 aria-checked:text-ember-700"
          >
            {LEGAL_PAGES[k].title}
          </button>
        ))}
      </div>
      <FormAlert tone="success" message={saved} />
      {document.data ? (
        // A new document (or a new saved version) starts the editor afresh.
        <DocumentForm
          key={`${kind}-${document.data.version}`}
          saved={document.data}
          onSaved={(version) => setSaved(`Saved: ${LEGAL_PAGES[kind].title}, version ${version}.`)}
        />
      ) : (
        <Card>
          {document.isError ? (
            <FormAlert message={formErrors(document.error).form} />
          ) : (
            <Spinner label="Loading the text" />
          )}
        </Card>
      )}
    </div>
  );
}

function DocumentForm({ saved, onSaved }: { saved: LegalDocumentView; onSaved: (version: number) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [markdown, setMarkdown] = useState(saved.markdown);
  const update = useMutation(
    trpc.legal.update.mutationOptions({
      onSuccess: (next) => {
        onSaved(next.version);
        queryClient.setQueryData(trpc.legal.document.queryKey({ kind: saved.kind }), next);
      },
    }),
  );
  const errors = formErrors(update.error);
  const page = LEGAL_PAGES[saved.kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ kind: saved.kind, markdown });
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <p className="text-sm text-stone-600">
        <Link href={page.href} className="font-medium text-ember-700 underline">
          {page.title}
        </Link>{" "}
        · version {saved.version}
        {saved.isDefault ? " (Hearth's default text: saving your own makes version 2)" : ""}. People who sign up agree
        to the version shown then; saving a change makes a new version.
      </p>
      <FormAlert message={errors.form} />
      <div className="grid gap-4 lg:grid-cols-2">
        <TextAreaField
          label="Markdown"
          name="markdown"
          rows={24}
          value={markdown}
          maxLength={LEGAL_MARKDOWN_MAX}
          onChange={(e) => setMarkdown(e.target.value)}
          error={errors.fields.markdown}
          hint="Headings (#, ##), lists, **bold** and [links](https://…). HTML and images are not shown."
        />
        <section aria-label="Preview" className="min-w-0 space-y-1">
          <p className="text-sm font-medium text-stone-700">Preview</p>
          <div className="max-h-[36rem] overflow-y-auto rounded-lg border border-stone-200 bg-white p-4">
            <LegalMarkdown markdown={markdown} />
          </div>
        </section>
      </div>
      <div>
        <Button type="submit" pending={update.isPending} disabled={markdown === saved.markdown}>
          Save as version {saved.version + 1}
        </Button>
      </div>
    </form>
  );
}
