import { errorMessage } from "../lib/trpc.ts";

/** A failed request's message, announced to screen readers; nothing when there is no error. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-600">
      {errorMessage(error)}
    </p>
  );
}
