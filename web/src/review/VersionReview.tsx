import { can, type Role } from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "wouter";
import { Button } from "../components/Button.tsx";
import { TextAreaField } from "../components/Field.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";
import { DiffCanvas } from "./DiffCanvas.tsx";
import { flowDiff } from "./flowDiff.ts";
import { TextDiff } from "./TextDiff.tsx";
import { VersionHistory } from "./VersionHistory.tsx";

/** One submitted version: what changed against the live version, the lint report, and the decision. */
export function VersionReview({ versionId }: { versionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const version = useQuery(trpc.versions.byId.queryOptions({ versionId }));
  const [comment, setComment] = useState("");
  const [warningsRead, setWarningsRead] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.versions.pathKey() });
  const approve = useMutation(trpc.versions.approve.mutationOptions({ onSuccess: refresh }));
  const reject = useMutation(trpc.versions.reject.mutationOptions({ onSuccess: refresh }));
  const publish = useMutation(trpc.versions.publish.mutationOptions({ onSuccess: refresh }));
  const diff = useMemo(
    () => (version.data ? flowDiff(version.data.live, version.data.document) : null),
    [version.data],
  );

  if (version.isPending || me.isPending)
    return <p className="text-sm text-slate-500">Loading the version…</p>;
  if (version.error) {
    return (
      <p role="alert" className="text-sm text-red-600">
        {errorMessage(version.error)}
      </p>
    );
  }
  const v = version.data;
  const reviewer = can((me.data?.roles ?? []) as Role[], "version.review");
  const verified = me.data?.twoFactorVerified ?? false;
  const warnings = v.lintReport.filter((f) => f.severity === "warning");
  const failure = approve.error ?? reject.error ?? publish.error;

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-slate-500">
          <Link href="/review" className="underline">
            Review
          </Link>{" "}
          /{" "}
          <Link href={`/flows/${v.flowId}`} className="underline">
            {v.flowName}
          </Link>
        </p>
        <h1 className="text-xl font-semibold">
          {v.flowName} — version {v.number}
        </h1>
        <p className="text-sm text-slate-600">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium">{v.status}</span> · submitted by{" "}
          {v.createdByName ?? "a former member"} ·{" "}
          {v.live ? "compared with the live version" : "nothing is live yet"}
        </p>
        {v.note && (
          <blockquote
            aria-label="Author's note"
            className="border-l-4 border-slate-300 pl-3 text-sm text-slate-700"
          >
            {v.note}
          </blockquote>
        )}
      </header>

      {diff && (
        <section aria-labelledby="changes" className="space-y-3">
          <h2 id="changes" className="font-semibold">
            Changes: {diff.counts.added} added, {diff.counts.changed} changed, {diff.counts.removed} removed
          </h2>
          <DiffCanvas diff={diff} />
          <h3 className="text-sm font-semibold">Changed texts</h3>
          <TextDiff changes={diff.texts} />
        </section>
      )}

      {warnings.length > 0 && (
        <section aria-labelledby="warnings" className="space-y-2">
          <h2 id="warnings" className="font-semibold">
            Policy warnings ({warnings.length})
          </h2>
          <ul className="list-disc pl-5 text-sm text-amber-800">
            {warnings.map((w) => (
              <li key={`${w.ruleId}:${w.blockId ?? ""}:${w.field ?? ""}:${w.message}`}>{w.message}</li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="decision" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="decision" className="font-semibold">
          Decision
        </h2>
        {done && (
          <p role="status" className="text-sm text-brand-700">
            {done}
          </p>
        )}
        {v.youAreAuthor && v.status === "submitted" ? (
          <p role="note" className="text-sm text-slate-700">
            You changed this flow in this version, so someone else must review it.
          </p>
        ) : !reviewer ? (
          <p className="text-sm text-slate-600">Only a reviewer can approve, reject or publish.</p>
        ) : !verified ? (
          <div role="alert" className="space-y-2 text-sm text-amber-800">
            <p>Two-factor authentication is required before you can approve, reject or publish.</p>
            <Link href="/security" className="font-medium text-brand-700 underline">
              Set up two-factor authentication
            </Link>
          </div>
        ) : v.status === "submitted" ? (
          <div className="space-y-3">
            <TextAreaField
              label="Comment for the author"
              value={comment}
              maxLength={2000}
              onChange={(e) => setComment(e.target.value)}
            />
            {warnings.length > 0 && (
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={warningsRead}
                  onChange={(e) => setWarningsRead(e.target.checked)}
                />
                I have read the policy warnings
              </label>
            )}
            <div className="flex gap-2">
              <Button
                disabled={approve.isPending || (warnings.length > 0 && !warningsRead)}
                onClick={() =>
                  approve.mutate(
                    {
                      versionId: v.id,
                      contentHash: v.contentHash,
                      comment,
                      warningsAcknowledged: warningsRead,
                    },
                    { onSuccess: () => setDone(`Approved version ${v.number}.`) },
                  )
                }
              >
                Approve
              </Button>
              <Button
                variant="danger"
                disabled={reject.isPending}
                onClick={() =>
                  reject.mutate(
                    { versionId: v.id, contentHash: v.contentHash, comment },
                    { onSuccess: () => setDone(`Sent version ${v.number} back to the author.`) },
                  )
                }
              >
                Reject
              </Button>
            </div>
          </div>
        ) : v.status === "approved" ? (
          <Button
            disabled={publish.isPending}
            onClick={() =>
              publish.mutate(
                { versionId: v.id },
                { onSuccess: (r) => setDone(`Published version ${r.number}. New conversations use it now.`) },
              )
            }
          >
            Publish
          </Button>
        ) : (
          <p className="text-sm text-slate-600">This version is {v.status}; there is nothing to decide.</p>
        )}
        {failure && (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(failure)}
          </p>
        )}
      </section>

      <VersionHistory flowId={v.flowId} canRollBack={reviewer && verified} />
    </div>
  );
}
