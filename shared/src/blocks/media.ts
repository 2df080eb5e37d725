import { z } from "zod";
import {
  MEDIA_CAPTION_LIMIT,
  MEDIA_FILENAME_LIMIT,
  MEDIA_URL_LIMIT,
  mediaFileRefSchema,
  mediaKindSchema,
  WHATSAPP_MEDIA,
} from "../whatsapp/media.ts";
import { defineBlock } from "./blockDefinition.ts";

export const mediaDataSchema = z.object({
  kind: mediaKindSchema.default("image"),
  /** https link WhatsApp downloads the file from; may hold `{{variables}}`. Unused when `file` is set. */
  url: z.string().max(MEDIA_URL_LIMIT).default(""),
  /** A file uploaded to Benteng, sent from Benteng's public URL (takes the place of `url`). */
  file: mediaFileRefSchema.optional(),
  /** Shown under images, videos and documents (WhatsApp has none for audio and stickers). */
  caption: z.string().max(20_000).default(""),
  /** A document's name as the customer sees it, e.g. "Menu.pdf". */
  filename: z.string().max(1000).default(""),
});
export type MediaData = z.infer<typeof mediaDataSchema>;

export const mediaBlock = defineBlock({
  type: "media",
  label: "Media",
  description: "Sends an image, video, audio, document or sticker, uploaded or from a link.",
  icon: "media",
  category: "message",
  dataSchema: mediaDataSchema,
  defaults: (): MediaData => ({ kind: "image", url: "", caption: "", filename: "" }),
  outputs: () => [{ id: "next", label: "Next" }],
  waitsForCustomer: false,
  customerTexts: (d) => [
    ...(WHATSAPP_MEDIA[d.kind].caption || d.caption !== ""
      ? [{ field: "caption", label: "Caption", text: d.caption, limit: MEDIA_CAPTION_LIMIT }]
      : []),
    ...(d.kind === "document" || d.filename !== ""
      ? [{ field: "filename", label: "File name", text: d.filename, limit: MEDIA_FILENAME_LIMIT }]
      : []),
  ],
  writesVariables: () => [],
  summary: (d) =>
    `${WHATSAPP_MEDIA[d.kind].label}${d.caption ? `: ${d.caption}` : d.file ? `: ${d.file.name}` : d.url ? `: ${d.url}` : ""}`,
});

/**
 * The uploaded files (SHA-256 of their content) a flow document's media blocks send, each once.
 * @example uploadedMediaOf({ nodes: [{ type: "media", data: { file: { sha256: "ab…" } } }] }) // → ["ab…"]
 */
export function uploadedMediaOf(flow: { nodes: ReadonlyArray<{ type: string; data: unknown }> }): string[] {
  const found = new Set<string>();
  for (const node of flow.nodes) {
    if (node.type !== "media") continue;
    const file = mediaFileRefSchema.safeParse((node.data as { file?: unknown } | null)?.file);
    if (file.success) found.add(file.data.sha256);
  }
  return [...found];
}
