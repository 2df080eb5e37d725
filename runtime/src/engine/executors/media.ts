import { mediaFilePath, WHATSAPP_MEDIA } from "@benteng/shared";
import type { Executor } from "../executor.ts";

export const mediaExecutor: Executor<"media"> = {
  enter(node, ctx) {
    const { kind, url, caption, filename, file } = node.data;
    // An uploaded file is sent as a link to Benteng's own copy (GET /media/<sha256>.<ext>), which
    // WhatsApp downloads; a document keeps the uploaded file's name unless the block names it.
    if (file && ctx.deps.publicUrl === undefined) {
      ctx.log(
        `block ${node.id} sends an uploaded file, but BENTENG_PUBLIC_URL is not set, so WhatsApp could not download it: nothing sent`,
      );
      return { next: "next" };
    }
    const link = file ? `${ctx.deps.publicUrl}${mediaFilePath(file)}` : url.trim();
    const name = filename !== "" ? filename : (file?.name ?? "");
    ctx.send({
      kind: "media",
      mediaType: kind,
      link,
      // WhatsApp has no caption on audio or stickers (the linter refuses one there).
      ...(WHATSAPP_MEDIA[kind].caption && caption !== "" ? { caption } : {}),
      ...(kind === "document" && name !== "" ? { filename: name } : {}),
    });
    return { next: "next" };
  },
};
