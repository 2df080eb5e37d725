import { z } from "zod";

/**
 * What the Cloud API accepts as media, by message type: file extensions, MIME types and the largest
 * file it takes (stickers: 100 KB static, 500 KB animated — the larger is checked, since a URL does
 * not say which). Captions exist on images, videos and documents only; documents also carry a
 * file name the customer sees.
 */
export const WHATSAPP_MEDIA = {
  image: {
    label: "Image",
    extensions: ["jpg", "jpeg", "png"],
    mimeTypes: ["image/jpeg", "image/png"],
    maxBytes: 5 * 1024 * 1024,
    caption: true,
  },
  video: {
    label: "Video",
    extensions: ["mp4", "3gp"],
    mimeTypes: ["video/mp4", "video/3gpp"],
    maxBytes: 16 * 1024 * 1024,
    caption: true,
  },
  audio: {
    label: "Audio",
    extensions: ["aac", "amr", "mp3", "m4a", "ogg", "opus"],
    mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
    maxBytes: 16 * 1024 * 1024,
    caption: false,
  },
  document: {
    label: "Document",
    extensions: ["pdf", "txt", "doc", "docx", "xls", "xlsx", "ppt", "pptx"],
    mimeTypes: [
      "application/pdf",
      "text/plain",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * 1024 * 1024,
    caption: true,
  },
  sticker: {
    label: "Sticker",
    extensions: ["webp"],
    mimeTypes: ["image/webp"],
    maxBytes: 500 * 1024,
    caption: false,
  },
} as const;

export const mediaKindSchema = z.enum(["image", "video", "audio", "document", "sticker"]);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** Caption of an image, video or document (the Cloud API's limit). */
export const MEDIA_CAPTION_LIMIT = 1024;
/** A document's file name as the customer sees it. */
export const MEDIA_FILENAME_LIMIT = 240;
/** A media link, as stored in a block (longer ones are refused when the flow is saved). */
export const MEDIA_URL_LIMIT = 2000;

/** Host and path of an http(s) link, split by hand (this package runs without DOM or Node types). */
function splitLink(url: string): { host: string; path: string } | undefined {
  const scheme = /^https?:\/\//i.exec(url);
  if (!scheme) return undefined;
  const rest = url.slice(scheme[0].length);
  const end = rest.search(/[?#]/);
  const beforeQuery = end < 0 ? rest : rest.slice(0, end);
  const slash = beforeQuery.indexOf("/");
  const authority = slash < 0 ? beforeQuery : beforeQuery.slice(0, slash);
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  return { host, path: slash < 0 ? "" : beforeQuery.slice(slash) };
}

/** The lowercase extension of a link's path ("…/menu.PDF?v=2" → "pdf"), or undefined. */
export function urlExtension(url: string): string | undefined {
  const path = splitLink(url)?.path;
  if (!path) return undefined;
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  if (dot <= 0 || dot === name.length - 1) return undefined;
  return name.slice(dot + 1).toLowerCase();
}

/**
 * Why WhatsApp would refuse a media link of this kind, or undefined when it would take it. A link
 * with `{{variables}}` is checked for its scheme only: the rest is known when it is filled in.
 */
export function mediaLinkProblem(kind: MediaKind, url: string): string | undefined {
  const spec = WHATSAPP_MEDIA[kind];
  const trimmed = url.trim();
  if (trimmed === "") return "needs a link to the file";
  if (!/^https:\/\//i.test(trimmed)) return "must be an https:// link (WhatsApp downloads the file from it)";
  if (trimmed.includes("{{")) return undefined;
  const host = splitLink(trimmed)?.host ?? "";
  if (host === "" || /\s/.test(trimmed)) return "is not a valid link";
  const extension = urlExtension(trimmed);
  if (extension === undefined)
    return `should end in the file's extension (${spec.extensions.map((e) => `.${e}`).join(", ")}), so the type can be checked`;
  if (!(spec.extensions as readonly string[]).includes(extension))
    return `is a .${extension} file; WhatsApp sends ${spec.label.toLowerCase()} as ${spec.extensions.map((e) => `.${e}`).join(", ")}`;
  return undefined;
}

/** Why WhatsApp would refuse an uploaded file of this kind (type and size), or undefined. */
export function mediaFileProblem(kind: MediaKind, mimeType: string, bytes: number): string | undefined {
  const spec = WHATSAPP_MEDIA[kind];
  if (!(spec.mimeTypes as readonly string[]).includes(mimeType.toLowerCase()))
    return `${mimeType || "this file type"} cannot be sent as ${spec.label.toLowerCase()}; WhatsApp takes ${spec.extensions.map((e) => `.${e}`).join(", ")}`;
  if (bytes > spec.maxBytes)
    return `is ${formatBytes(bytes)}; WhatsApp takes ${spec.label.toLowerCase()} up to ${formatBytes(spec.maxBytes)}`;
  return undefined;
}

/** A static sticker (no animation chunk) is at most this large; an animated one WHATSAPP_MEDIA.sticker.maxBytes. */
export const STATIC_STICKER_MAX_BYTES = 100 * 1024;

/**
 * A file uploaded to Benteng, as a media block refers to it: by the SHA-256 of its bytes (hex) and
 * the extension of its sniffed type. Benteng serves it at `/media/<sha256>.<ext>`; the name is the
 * one the marketer's file had (shown in the editor, and the default name of a document).
 */
export const mediaFileRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  ext: z.string().regex(/^[a-z0-9]{1,5}$/),
  mimeType: z.string().max(120),
  bytes: z.number().int().min(0),
  name: z.string().max(MEDIA_FILENAME_LIMIT),
});
export type MediaFileRef = z.infer<typeof mediaFileRefSchema>;

/** Where Benteng serves an uploaded file, relative to its public URL. */
export function mediaFilePath(file: Pick<MediaFileRef, "sha256" | "ext">): string {
  return `/media/${file.sha256}.${file.ext}`;
}

/** "5 MB", "500 KB", "1.5 MB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
