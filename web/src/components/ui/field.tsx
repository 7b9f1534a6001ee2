import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

const inputClass =
  "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm placeholder:text-stone-400 focus:border-ember-500 focus:ring-2 focus:ring-ember-500/30 focus:outline-none aria-[invalid=true]:border-red-500 disabled:opacity-60";

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
}

/** Label, control and its error (or hint) wired together for screen readers. */
function FieldShell({
  label,
  error,
  hint,
  children,
}: FieldProps & {
  children: (a11y: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const messageId = error || hint ? `${id}-msg` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-700">
        {label}
      </label>
      {children({ id, "aria-invalid": !!error, "aria-describedby": messageId })}
      {messageId ? (
        <p id={messageId} className={`text-sm ${error ? "text-red-600" : "text-stone-500"}`}>
          {error ?? hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(a11y) => <input {...a11y} className={inputClass} {...input} />}
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(a11y) => <textarea {...a11y} className={inputClass} {...input} />}
    </FieldShell>
  );
}

export function SelectField({
  label,
  error,
  hint,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {(a11y) => (
        <select {...a11y} className={inputClass} {...select}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

export function FormAlert({
  message,
  tone = "error",
}: {
  message: string | null | undefined;
  tone?: "error" | "success";
}) {
  if (!message) return null;
  const colours =
    tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-green-200 bg-green-50 text-green-800";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg border px-3 py-2 text-sm ${colours}`}>
      {message}
    </div>
  );
}
