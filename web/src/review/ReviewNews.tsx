import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "wouter";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

const what: Record<string, string> = {
  "version.submitted": "asks for your review of",
  "version.approved": "approved",
  "version.rejected": "sent back",
  "version.published": "published",
};

/** Review requests (for reviewers) and decisions on your versions; showing them marks them read. */
export function ReviewNewsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const news = useQuery(trpc.reviewNews.list.queryOptions());
  const markRead = useMutation(
    trpc.reviewNews.markRead.mutationOptions({
      // The list keeps showing what was new on this visit; the navigation's count goes to zero.
      onSuccess: () =>
        queryClient.setQueryData(trpc.reviewNews.list.queryKey(), (d) => d && { ...d, unread: 0 }),
    }),
  );
  const unread = news.data?.unread ?? 0;
  const { mutate } = markRead;
  useEffect(() => {
    if (unread > 0) mutate();
  }, [unread, mutate]);

  return (
    <section aria-labelledby="review-news" className="space-y-3">
      <h2 id="review-news" className="text-lg font-semibold">
        News
      </h2>
      {news.isPending ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : news.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(news.error)}
        </p>
      ) : news.data.news.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing yet. Review requests and decisions on your versions appear here.
        </p>
      ) : (
        <ul aria-label="Review news" className="space-y-2">
          {news.data.news.map((n) => (
            <li
              key={n.id}
              className={`rounded-md p-3 text-sm ring-1 ${n.unread ? "bg-brand-50 ring-brand-200" : "bg-white ring-slate-200"}`}
            >
              {n.unread && (
                <span className="mr-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs text-white">New</span>
              )}
              {n.actorName ?? "Someone"} {what[n.action] ?? n.action}{" "}
              <Link href={`/review/${n.versionId}`} className="font-medium underline">
                {n.label}
              </Link>
              {n.comment && <span className="text-slate-700"> — “{n.comment}”</span>}
              <span className="ml-2 text-xs text-slate-600">{new Date(n.createdAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
