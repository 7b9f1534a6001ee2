import { isTRPCClientError } from "@trpc/client";
import { appErrorData } from "@/lib/trpc-errors";

export interface FormErrors {
  form: string | null;
  fields: Record<string, string>;
}

/** Splits a tRPC error into a form-level message and per-field messages for inline display. */
export function formErrors(error: unknown): FormErrors {
  if (!error) return { form: null, fields: {} };
  if (isTRPCClientError(error)) {
    const data = appErrorData(error);
    const fields: Record<string, string> = {};
    for (const [name, messages] of Object.entries(data?.fieldErrors ?? {}))
      if (messages?.[0]) fields[name] = messages[0];
    const isInputError = data?.code === "BAD_REQUEST" && Object.keys(fields).length > 0;
    return { form: isInputError ? null : error.message, fields };
  }
  return { form: "Something went wrong. Check your connection and try again.", fields: {} };
}
