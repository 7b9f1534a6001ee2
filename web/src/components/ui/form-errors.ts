import { TRPCClientError } from "@trpc/client";

export interface FormErrors {
  form: string | null;
  fields: Record<string, string>;
}

/** Splits a tRPC error into a form-level message and per-field messages for inline display. */
export function formErrors(error: unknown): FormErrors {
  if (!error) return { form: null, fields: {} };
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string[] | undefined>; code?: string } | undefined;
    const fields: Record<string, string> = {};
    for (const [name, messages] of Object.entries(data?.fieldErrors ?? {})) if (messages?.[0]) fields[name] = messages[0];
    const isInputError = data?.code === "BAD_REQUEST" && Object.keys(fields).length > 0;
    return { form: isInputError ? null : error.message, fields };
  }
  return { form: "Something went wrong. Check your connection and try again.", fields: {} };
}
