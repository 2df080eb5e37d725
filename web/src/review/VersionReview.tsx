import { can, lintFlow, type Role } from "@benteng/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "wouter";
import { Button } from "../components/Button.tsx";
import { TextAreaField } from "../components/Field.tsx";
import { Simulator } from "../editor/Simulator.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";
import { DiffCanvas } from "./DiffCanvas.tsx";
import { flowDiff } from "./flowDiff.ts";
import { EdgeDiff, TextDiff } from "./TextDiff.tsx";
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
  const [against, setAgainst] = useState<"rejected" | "live" | null>(null);
  const [trying, setTrying] = useState(false);
  // A resubmission is read against the version sent back, unless the reviewer asks for the live one.
  const base =
    version.data && (against ?? (version.data.rejected ? "rejected" : "live")) === "rejected"
      ? (version.data.rejected ?? null)
      : null;
  const diff = useMemo(
    () => (version.data ? flowDiff(base ? base.document : version.data.live, version.data.document) : null),
    [version.data, base],
  );

  // Today's rules on the frozen document: a version submitted before a rule existed still shows
  // what would stop its publication (the server refuses to publish it either way).
  const errors = useMemo(
    () => (version.data ? lintFlow(version.data.document).filter((f) => f.severity === "error") : []),
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
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium">
            {v.isLive ? "live" : v.status === "published" ? "was live" : v.status}
          </span>{" "}
          · submitted by {v.createdByName ?? "a former member"} ·{" "}
          {base
            ? `compared with version ${base.number}, which was sent back`
            : v.isLive
              ? "this is the live version"
              : v.live
                ? "compared with the live version"
                : "nothing is live yet"}
        </p>
        {v.rejected && (
          <fieldset className="flex gap-3 text-sm">
            <legend className="sr-only">Compare with</legend>
            <label className="flex items-center gap-1">
              <input
                type="radio"
                name="against"
                checked={base !== null}
                onChange={() => setAgainst("rejected")}
              />
              Version {v.rejected.number} (sent back)
            </label>
            <label className="flex items-center gap-1">
              <input
                type="radio"
                name="against"
                checked={base === null}
                onChange={() => setAgainst("live")}
              />
              {v.live ? "The live version" : "Nothing (all new)"}
            </label>
          </fieldset>
        )}
        {v.authors.length > 0 && (
          <p className="text-sm text-slate-700">
            <span className="font-medium">Written by</span> {v.authors.map((a) => a.name).join(", ")}{" "}
            <span className="text-slate-500">(none of them may approve it)</span>
          </p>
        )}
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
          <div className="flex gap-3">
            <div className="min-w-0 flex-1">
              <DiffCanvas diff={diff} />
            </div>
            {trying && (
              <div className="h-[520px]">
                <Simulator
                  flowId={v.flowId}
                  versionId={v.id}
                  onActiveBlock={() => {}}
                  onClose={() => setTrying(false)}
                />
              </div>
            )}
          </div>
          {!trying && reviewer && (
            <Button variant="secondary" onClick={() => setTrying(true)}>
              Try version {v.number}
            </Button>
          )}
          <h3 className="text-sm font-semibold">Changed fields</h3>
          <TextDiff changes={diff.changes} />
          <h3 className="text-sm font-semibold">Changed connections</h3>
          <EdgeDiff edges={diff.edges} />
        </section>
      )}

      {v.scriptInputChanges.length > 0 && (
        <section aria-labelledby="script-inputs" className="space-y-2">
          <h2 id="script-inputs" className="font-semibold text-amber-800">
            Changes to what scripts receive ({v.scriptInputChanges.length})
          </h2>
          <p className="text-sm text-slate-700">
            These blocks are new or changed and write a variable a script takes as input: check that the data
            they put there is what the script (and the hosts it calls) should get.
          </p>
          <ul className="list-disc pl-5 text-sm text-amber-800">
            {v.scriptInputChanges.map((c) => (
              <li key={`${c.blockId}:${c.variable}`}>
                {c.blockLabel} block “{c.blockId}” writes <code>{c.variable}</code>, an input of script block
                {c.scriptBlockIds.length === 1 ? "" : "s"}{" "}
                {c.scriptBlockIds.map((id) => `“${id}”`).join(", ")}
              </li>
            ))}
          </ul>
        </section>
      )}

      {errors.length > 0 && (
        <section aria-labelledby="errors" className="space-y-2">
          <h2 id="errors" className="font-semibold text-red-800">
            Problems that block publishing ({errors.length})
          </h2>
          <ul className="list-disc pl-5 text-sm text-red-800">
            {errors.map((f) => (
              <li key={`${f.ruleId}:${f.blockId ?? ""}:${f.edgeId ?? ""}:${f.field ?? ""}:${f.message}`}>
                {f.message}
              </li>
            ))}
          </ul>
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
