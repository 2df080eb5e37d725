import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { FormError } from "../components/FormError.tsx";
import { useTRPC } from "../lib/trpc.ts";
import { ReviewNewsList } from "../review/ReviewNews.tsx";
import { VersionReview } from "../review/VersionReview.tsx";

/** The review queue, or one version under review when `versionId` is given. */
export function ReviewPage({ versionId }: { versionId?: string }) {
  return (
    <div className="mx-auto h-full max-w-5xl overflow-y-auto p-6">
      {versionId ? <VersionReview versionId={versionId} /> : <ReviewQueue />}
    </div>
  );
}

function ReviewQueue() {
  const trpc = useTRPC();
  const queue = useQuery(trpc.versions.queue.queryOptions());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Review</h1>
      <FormError error={queue.error} />
      {queue.data?.length === 0 && <p className="text-sm text-slate-500">Nothing is waiting for review.</p>}
      <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
        {(queue.data ?? []).map((v) => (
          <li key={v.id} className="flex items-center justify-between gap-4 px-4 py-3">
            <div>
              <Link href={`/review/${v.id}`} className="font-medium text-brand-700 underline">
                {v.flowName} — version {v.number}
              </Link>
              <p className="text-xs text-slate-500">
                {v.status === "submitted" ? "Waiting for review" : "Approved, not yet published"} · by{" "}
                {v.createdByName ?? "a former member"}
                {v.note ? ` · “${v.note}”` : ""}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <ReviewNewsList />
    </div>
  );
}
