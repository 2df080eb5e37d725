import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from "react";

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | null;
}

const inputClass =
  "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 focus:outline-none aria-invalid:ring-red-500";

/** A labelled input with its hint and error announced to screen readers. */
export function Field({ label, hint, error, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input id={id} className={inputClass} {...controlAria(id, hint, error)} {...input} />
    </FieldFrame>
  );
}

/** A labelled multi-line text field. */
export function TextAreaField({
  label,
  hint,
  error,
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} rows={4} className={inputClass} {...controlAria(id, hint, error)} {...input} />
    </FieldFrame>
  );
}

/** Label above, the control, then its error or hint (which the control's aria-describedby names). */
function FieldFrame({ id, label, hint, error, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {(error || hint) && (
        <div id={`${id}-help`} className={`text-xs ${error ? "text-red-600" : "text-slate-500"}`}>
          {error ?? hint}
        </div>
      )}
    </div>
  );
}

function controlAria(id: string, hint: ReactNode, error: string | null | undefined) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error || hint ? `${id}-help` : undefined,
  } as const;
}
