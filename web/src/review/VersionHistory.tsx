import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "wouter";
import { Button } from "../components/Button.tsx";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";

/** Every version of a flow with its decision; an earlier approved version can be made live again. */
export function VersionHistory({ flowId, canRollBack }: { flowId: string; canRollBack: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.versions.list.queryOptions({ flowId }));
  const rollback = useMutation(
    trpc.versions.rollback.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.versions.pathKey() }),
    }),
  );
  return (
    <section aria-labelledby="history" className="space-y-2">
      <h2 id="history" className="font-semibold">
        History
      </h2>
      <FormError error={rollback.error} />
      {rollback.data && (
        <p role="status" className="text-sm text-brand-700">
          Version {rollback.data.number} is live again.
        </p>
      )}
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1">Version</th>
            <th>State</th>
            <th>Author's note</th>
            <th>Reviewer's comment</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(versions.data ?? []).map((v) => (
            <tr key={v.id} className="border-t border-slate-100">
              <td className="py-1.5">
                <Link href={`/review/${v.id}`} className="underline">
                  Version {v.number}
                </Link>
              </td>
              <td>{v.status}</td>
              <td className="text-slate-600">{v.note}</td>
              <td className="text-slate-600">
                {v.review
                  ? `${v.review.decision} by ${v.review.reviewerName ?? "?"}${v.review.comment ? `: ${v.review.comment}` : ""}`
                  : ""}
              </td>
              <td className="text-right">
                {canRollBack && v.status === "retired" && v.wasApproved && (
                  <Button
                    variant="secondary"
                    aria-label={`Roll back to version ${v.number}`}
                    disabled={rollback.isPending}
                    onClick={() => rollback.mutate({ versionId: v.id })}
                  >
                    Roll back
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
