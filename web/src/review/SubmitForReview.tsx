import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "wouter";
import { Button } from "../components/Button.tsx";
import { TextAreaField } from "../components/Field.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

const stateWords: Record<string, string> = {
  submitted: "waiting for review",
  approved: "approved, waiting to be published",
  rejected: "changes requested",
  published: "live",
  retired: "no longer live",
};

/**
 * The editor's way to publish: save, then submit the draft for a second person's review with a note.
 * Shows the latest submission's state and the reviewer's comment so the author knows what to fix.
 */
export function SubmitForReview({
  flowId,
  flush,
  disabled,
  saveState,
}: {
  flowId: string;
  flush: { current: () => Promise<boolean> };
  disabled?: boolean;
  /** The editor's save state: after each save, whether the draft differs from the live version is asked again. */
  saveState?: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.versions.list.queryOptions({ flowId }));
  const status = useQuery(trpc.versions.draftStatus.queryOptions({ flowId }));
  const { refetch } = status;
  useEffect(() => {
    if (saveState === "saved") void refetch();
  }, [saveState, refetch]);
  const live = status.data?.liveNumber ?? null;
  const unpublished = status.data?.unpublishedChanges ?? false;
  const submit = useMutation(trpc.versions.submit.mutationOptions());
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const latest = versions.data?.[0];

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!(await flush.current())) {
      setError("Save your changes first.");
      return;
    }
    try {
      await submit.mutateAsync({ flowId, note });
      setOpen(false);
      setNote("");
      await queryClient.invalidateQueries({ queryKey: trpc.versions.pathKey() });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="relative flex items-center gap-2">
      {latest && (
        <span role="status" aria-label="Review status" className="max-w-xs truncate text-xs text-slate-600">
          <Link href={`/review/${latest.id}`} className="underline decoration-dotted">
            Version {latest.number}: {stateWords[latest.status] ?? latest.status}
          </Link>
          {latest.review?.comment ? ` — “${latest.review.comment}”` : ""}
          {live !== null && live !== latest.number ? ` · version ${live} is live` : ""}
          {unpublished && latest.status === "published" ? " · unpublished changes" : ""}
        </span>
      )}
      <Button onClick={() => setOpen((o) => !o)} disabled={disabled || submit.isPending} aria-expanded={open}>
        Submit for review
      </Button>
      {open && (
        <form
          onSubmit={send}
          aria-label="Submit for review"
          className="absolute top-10 right-0 z-40 w-80 space-y-3 rounded-lg bg-white p-4 shadow-lg ring-1 ring-slate-200"
        >
          <TextAreaField
            label="Note for the reviewer"
            hint="What changed and why. The reviewer sees it next to the changes."
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
          {error && (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={submit.isPending}>
              Send to review
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
