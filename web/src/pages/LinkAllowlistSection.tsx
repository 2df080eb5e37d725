import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "../components/Button.tsx";
import { TextAreaField } from "../components/Field.tsx";
import { errorMessage, useTRPC } from "../lib/trpc.ts";

/** Admins list the websites customer-facing links may point at (subdomains included). */
export function LinkAllowlistSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.workspace.settings.queryOptions());
  const [text, setText] = useState("");
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setText(settings.data.linkAllowlist.join("\n"));
  }, [settings.data]);
  const save = useMutation(
    trpc.workspace.setLinkAllowlist.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.workspace.settings.queryKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate({ hosts: text.split(/[\s,]+/).filter(Boolean) });
  };
  return (
    <section aria-labelledby="allowlist-heading" className="space-y-3">
      <h2 id="allowlist-heading" className="text-lg font-semibold">
        Allowed websites
      </h2>
      <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-6 ring-1 ring-slate-200">
        <TextAreaField
          label="Websites your bots may link to"
          hint="One per line, e.g. tokoana.example. Subdomains are included. Links elsewhere get a warning the reviewer must acknowledge; URL shorteners and look-alike domains are always refused."
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
        />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            Save allowed websites
          </Button>
          {saved && (
            <span role="status" className="text-sm text-brand-700">
              Saved.
            </span>
          )}
          {save.error && (
            <span role="alert" className="text-sm text-red-600">
              {errorMessage(save.error)}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
