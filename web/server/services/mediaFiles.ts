import { createHash } from "node:crypto";
import type { Db } from "@benteng/db";
import { appendAudit } from "@benteng/db/queries/auditLog";
import { deleteUnreferencedMediaFiles, storeMediaFile } from "@benteng/db/queries/mediaFiles";
import {
  can,
  formatBytes,
  type MediaFileRef,
  type MediaKind,
  mediaFileProblem,
  STATIC_STICKER_MAX_BYTES,
  WHATSAPP_MEDIA,
} from "@benteng/shared";
import { fileTypeFromBuffer } from "file-type";
import type { Actor, Member } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { flowDetail } from "./flows.ts";
import { inTransaction } from "./inTransaction.ts";
import { ServiceError } from "./serviceError.ts";

/** The largest upload of any kind (a document): the HTTP body limit of the upload route. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(WHATSAPP_MEDIA).map((m) => m.maxBytes));

/** What the bytes are, read from the bytes themselves; undefined when no type WhatsApp takes fits. */
export interface SniffedType {
  mimeType: string;
  ext: string;
}

/** file-type names some WhatsApp types differently; these are the names WhatsApp documents. */
const CANONICAL: Record<string, SniffedType> = {
  "audio/x-m4a": { mimeType: "audio/mp4", ext: "m4a" },
  "audio/ogg; codecs=opus": { mimeType: "audio/ogg", ext: "opus" },
  "audio/opus": { mimeType: "audio/ogg", ext: "opus" },
};

/** The old Office formats share one container (CFB); which of them it is, the name says. */
const CFB_TYPES: Record<string, SniffedType> = {
  doc: { mimeType: "application/msword", ext: "doc" },
  xls: { mimeType: "application/vnd.ms-excel", ext: "xls" },
  ppt: { mimeType: "application/vnd.ms-powerpoint", ext: "ppt" },
};

/** Plain text has no magic bytes: valid UTF-8 without NUL or other binary control bytes. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (const b of bytes) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file from its first bytes (file-type's signatures; the old Office formats by
 * container, then the name's extension among them; text by content). The browser's MIME type and
 * the name's extension are never believed on their own.
 */
export async function sniffMediaType(bytes: Uint8Array, name: string): Promise<SniffedType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (found?.ext === "cfb") {
    const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
    return CFB_TYPES[ext] ?? { mimeType: "application/x-cfb", ext: "cfb" };
  }
  if (found) return CANONICAL[found.mime] ?? { mimeType: found.mime, ext: found.ext };
  if (isPlainText(bytes)) return { mimeType: "text/plain", ext: "txt" };
  return undefined;
}

/** A WebP with an animation (VP8X header with the animation flag): WhatsApp allows 500 KB, not 100 KB. */
export function isAnimatedWebp(bytes: Uint8Array): boolean {
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  return bytes.length > 20 && tag(8) === "WEBP" && tag(12) === "VP8X" && (bytes[20]! & 0x02) !== 0;
}

/**
 * Why WhatsApp would refuse these bytes as `kind`, naming the limit; undefined when it takes them.
 * Runs before anything is stored.
 */
export function uploadProblem(
  kind: MediaKind,
  sniffed: SniffedType | undefined,
  bytes: Uint8Array,
): string | undefined {
  const spec = WHATSAPP_MEDIA[kind];
  const label = spec.label.toLowerCase();
  if (bytes.length === 0) return "The file is empty.";
  if (!sniffed)
    return `This file's content is not a type WhatsApp sends as ${label} (it takes ${spec.extensions.map((e) => `.${e}`).join(", ")}).`;
  const problem = mediaFileProblem(kind, sniffed.mimeType, bytes.length);
  if (problem) {
    if (problem.startsWith("is ")) return `The file ${problem}.`;
    return `The file's content is ${sniffed.mimeType} (.${sniffed.ext}), whatever its name says: ${problem.replace(`${sniffed.mimeType} `, "it ")}.`;
  }
  if (kind === "sticker" && !isAnimatedWebp(bytes) && bytes.length > STATIC_STICKER_MAX_BYTES)
    return `The file is ${formatBytes(bytes.length)}; WhatsApp takes a static sticker up to ${formatBytes(STATIC_STICKER_MAX_BYTES)} (animated ones up to ${formatBytes(spec.maxBytes)}).`;
  return undefined;
}

/** The name an upload is kept under: the base name, trimmed to what a block stores. */
export function cleanFileName(name: string, ext: string): string {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1).trim();
  const safe = base.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200);
  return safe === "" ? `file.${ext}` : safe;
}

/**
 * Stores a file a member uploads for a media block of one of their flows, after checking it against
 * WhatsApp's type and size limits for `kind` (sniffed type, never the name or the browser's word).
 * Returns what the block keeps to refer to it.
 */
export async function uploadMediaFile(
  db: Db,
  member: Member,
  input: { flowId: string; kind: MediaKind; name: string; bytes: Uint8Array },
): Promise<MediaFileRef> {
  if (!can(member.roles, "flow.edit"))
    throw new ServiceError("FORBIDDEN", "Your role does not allow this (needs flow.edit).");
  const flow = await flowDetail(db, member, input.flowId);
  const sniffed = await sniffMediaType(input.bytes, input.name);
  const problem = uploadProblem(input.kind, sniffed, input.bytes);
  if (problem || !sniffed) throw new ServiceError("BAD_REQUEST", problem ?? "This file cannot be sent.");
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const name = cleanFileName(input.name, sniffed.ext);
  await inTransaction(db, async (tx) => {
    await storeMediaFile(tx, {
      workspace_id: member.workspaceId,
      sha256,
      kind: input.kind,
      mime_type: sniffed.mimeType,
      ext: sniffed.ext,
      bytes: input.bytes.length,
      name,
      content: input.bytes,
      created_by: member.userId,
    });
    await appendAudit(tx, {
      workspaceId: member.workspaceId,
      actorUserId: member.userId,
      action: "media.upload",
      target: auditTarget.flow({ id: flow.id, name: flow.name }),
      details: { kind: input.kind, sha256, mimeType: sniffed.mimeType, bytes: input.bytes.length, name },
    });
  });
  return { sha256, ext: sniffed.ext, mimeType: sniffed.mimeType, bytes: input.bytes.length, name };
}

/** Files no flow refers to are removed once they are this old (an upload waits for its first save). */
export const UNREFERENCED_MEDIA_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes uploaded files that no flow's draft or version refers to and that are over a day old,
 * across workspaces (the server runs this periodically; `benteng media cleanup` runs it once).
 * Each workspace's removal is audited there, as the installation's act.
 */
export function removeUnreferencedMedia(
  db: Db,
  now = new Date(),
  via: Actor["via"] = "web",
): Promise<Array<{ workspaceId: string; sha256: string; bytes: number }>> {
  return inTransaction(db, async (tx) => {
    const removed = await deleteUnreferencedMediaFiles(
      tx,
      new Date(now.getTime() - UNREFERENCED_MEDIA_GRACE_MS),
    );
    const byWorkspace = new Map<string, typeof removed>();
    for (const r of removed) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
    for (const [workspaceId, files] of byWorkspace) {
      const installation: Actor = { workspaceId, userId: null, via };
      await recordAudit(tx, installation, "media.removed_unreferenced", null, {
        files: files.length,
        bytes: files.reduce((n, f) => n + f.bytes, 0),
        sha256s: files.slice(0, 50).map((f) => f.sha256),
      });
    }
    return removed;
  });
}
