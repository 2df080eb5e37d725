import {
  formatBytes,
  MEDIA_CAPTION_LIMIT,
  MEDIA_FILENAME_LIMIT,
  type MediaData,
  type MediaFileRef,
  type MediaKind,
  mediaFileRefSchema,
  mediaKindSchema,
  mediaLinkProblem,
  STATIC_STICKER_MAX_BYTES,
  WHATSAPP_MEDIA,
} from "@benteng/shared";
import { useId, useState } from "react";
import { useRoute } from "wouter";
import { Field } from "../../components/Field.tsx";
import { CountedText } from "./CountedText.tsx";
import type { EditorBlock } from "./editorBlock.ts";

export const mediaEditor: EditorBlock<"media"> = {
  Body: ({ data }) => (
    <div className="space-y-1">
      <p className="text-xs font-medium text-slate-600">{WHATSAPP_MEDIA[data.kind].label}</p>
      <p className="line-clamp-2 break-all text-slate-700">
        {data.caption || data.filename || data.file?.name || data.url || (
          <em className="text-slate-500">No file or link yet</em>
        )}
      </p>
    </div>
  ),
  Settings: ({ data, onChange }) => {
    const spec = WHATSAPP_MEDIA[data.kind];
    const linkProblem = data.url.trim() === "" ? undefined : mediaLinkProblem(data.kind, data.url);
    return (
      <div className="space-y-3">
        <div className="space-y-1">
          <label className="block text-sm font-medium text-slate-700" htmlFor="media-kind">
            Kind
          </label>
          <select
            id="media-kind"
            className="block w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
            value={data.kind}
            onChange={(e) => onChange({ ...data, kind: e.target.value as MediaKind })}
          >
            {mediaKindSchema.options.map((kind) => (
              <option key={kind} value={kind}>
                {WHATSAPP_MEDIA[kind].label}
              </option>
            ))}
          </select>
        </div>
        <UploadFile data={data} onChange={onChange} />
        {!data.file && (
          <Field
            label="Link to the file"
            type="url"
            placeholder={`https://…/file.${spec.extensions[0]}`}
            hint={`Or a link WhatsApp downloads it from (https): ${spec.extensions.map((e) => `.${e}`).join(", ")}, up to ${formatBytes(spec.maxBytes)}.`}
            error={linkProblem ? `This link ${linkProblem}.` : undefined}
            value={data.url}
            onChange={(e) => onChange({ ...data, url: e.target.value })}
          />
        )}
        {spec.caption ? (
          <CountedText
            label="Caption (optional)"
            value={data.caption}
            limit={MEDIA_CAPTION_LIMIT}
            rows={3}
            onChange={(caption) => onChange({ ...data, caption })}
          />
        ) : (
          <p className="text-xs text-slate-600">
            WhatsApp shows no caption under {data.kind === "audio" ? "audio" : "stickers"}; send text in a
            Message block.
          </p>
        )}
        {data.kind === "document" && (
          <CountedText
            label="File name the customer sees"
            value={data.filename}
            limit={MEDIA_FILENAME_LIMIT}
            rows={1}
            onChange={(filename) => onChange({ ...data, filename })}
          />
        )}
      </div>
    );
  },
};

/**
 * Uploads a file for the block to Benteng (POST /api/media: the server sniffs its type and checks
 * WhatsApp's limits before storing it), or shows the uploaded one with a way to remove it.
 */
function UploadFile({ data, onChange }: { data: MediaData; onChange: (data: MediaData) => void }) {
  const [, params] = useRoute("/flows/:flowId");
  const [state, setState] = useState<{ busy: boolean; error?: string; warning?: string }>({ busy: false });
  const inputId = useId();
  const spec = WHATSAPP_MEDIA[data.kind];
  if (data.file)
    return (
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-700">Uploaded file</p>
        <div className="flex items-center justify-between gap-2 rounded-md bg-slate-50 px-2.5 py-1.5 text-sm ring-1 ring-slate-200">
          <span className="min-w-0 break-all">
            {data.file.name} <span className="text-slate-600">({formatBytes(data.file.bytes)})</span>
          </span>
          <button
            type="button"
            className="shrink-0 rounded px-1.5 py-0.5 text-sm font-medium text-red-800 hover:bg-red-50"
            onClick={() => {
              const { file: _removed, ...rest } = data;
              onChange(rest);
            }}
          >
            Remove file
          </button>
        </div>
        {state.warning && <p className="text-xs text-amber-800">{state.warning}</p>}
      </div>
    );
  const flowId = params?.flowId;
  if (!flowId) return null;
  const upload = async (file: File) => {
    if (file.size > spec.maxBytes) {
      setState({
        busy: false,
        error: `${file.name} is ${formatBytes(file.size)}; WhatsApp takes ${spec.label.toLowerCase()} up to ${formatBytes(spec.maxBytes)}.`,
      });
      return;
    }
    setState({ busy: true });
    try {
      const query = new URLSearchParams({ flowId, kind: data.kind, name: file.name });
      const res = await fetch(`/api/media?${query}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: file,
      });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const message =
          body && typeof body === "object" && "error" in body && typeof body.error === "string"
            ? body.error
            : "The upload failed. Try again.";
        setState({ busy: false, error: message });
        return;
      }
      const ref: MediaFileRef = mediaFileRefSchema.parse(body);
      const warning =
        body && typeof body === "object" && "warning" in body && typeof body.warning === "string"
          ? body.warning
          : undefined;
      setState(warning ? { busy: false, warning } : { busy: false });
      onChange({ ...data, url: "", file: ref });
    } catch {
      setState({ busy: false, error: "The upload failed: the server could not be reached. Try again." });
    }
  };
  return (
    <div className="space-y-1">
      <label className="block text-sm font-medium text-slate-700" htmlFor={inputId}>
        Upload a file
      </label>
      <input
        id={inputId}
        type="file"
        accept={spec.extensions.map((e) => `.${e}`).join(",")}
        disabled={state.busy}
        aria-describedby={`${inputId}-note`}
        className="block w-full text-sm text-slate-700 file:mr-2 file:rounded-md file:border-0 file:bg-slate-100 file:px-2.5 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) void upload(file);
        }}
      />
      {state.error ? (
        <p id={`${inputId}-note`} role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      ) : (
        <p id={`${inputId}-note`} className="text-xs text-slate-600" aria-live="polite">
          {state.busy
            ? "Uploading and checking the file…"
            : `Kept by Benteng and sent from its address: ${spec.extensions.map((e) => `.${e}`).join(", ")}, up to ${formatBytes(data.kind === "sticker" ? STATIC_STICKER_MAX_BYTES : spec.maxBytes)}${data.kind === "sticker" ? ` (animated ${formatBytes(spec.maxBytes)})` : ""}.`}
        </p>
      )}
    </div>
  );
}
