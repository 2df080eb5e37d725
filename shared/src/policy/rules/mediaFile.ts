import {
  mediaFileProblem,
  mediaFileRefSchema,
  mediaKindSchema,
  mediaLinkProblem,
  WHATSAPP_MEDIA,
} from "../../whatsapp/media.ts";
import type { Rule, RuleHit } from "./rule.ts";

/** A media block sends a file WhatsApp accepts for its kind, from an https link, with a caption only where WhatsApp shows one. */
export const mediaFile: Rule = {
  id: "mediaFile",
  severity: "error",
  description:
    "A media block sends an uploaded file, or links over https to a file of a type WhatsApp sends for its kind (image, video, audio, document, sticker); audio and stickers have no caption.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type !== "media") continue;
      const kind = mediaKindSchema.safeParse(node.data.kind);
      if (!kind.success) continue;
      const spec = WHATSAPP_MEDIA[kind.data];
      const file = mediaFileRefSchema.safeParse(node.data.file);
      if (file.success) {
        // An uploaded file was checked by its bytes when stored; the kind may have changed since.
        const problem = mediaFileProblem(kind.data, file.data.mimeType, file.data.bytes);
        if (problem)
          hits.push({
            blockId: node.id,
            field: "file",
            message: `The uploaded file ${file.data.name}${problem.startsWith("is ") ? " " : ": "}${problem}.`,
          });
      } else {
        const url = typeof node.data.url === "string" ? node.data.url : "";
        const problem = mediaLinkProblem(kind.data, url);
        if (problem)
          hits.push({
            blockId: node.id,
            field: "url",
            message: `The ${spec.label.toLowerCase()} link ${problem}.`,
          });
      }
      const caption = typeof node.data.caption === "string" ? node.data.caption : "";
      if (!spec.caption && caption.trim() !== "")
        hits.push({
          blockId: node.id,
          field: "caption",
          message: `WhatsApp shows no caption under ${kind.data === "audio" ? "audio" : "stickers"}. Remove it, or send the text in a Message block.`,
        });
    }
    return hits;
  },
};
