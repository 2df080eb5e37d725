import { describe, expect, it } from "vitest";
import { fillLinkTemplate } from "../flow/template.ts";
import { mediaFileProblem, mediaLinkProblem, urlExtension } from "./media.ts";

describe("WhatsApp media limits", () => {
  it("reads a link's extension from its path, not its query or fragment", () => {
    expect(urlExtension("https://cdn.shop.example/menus/Lunch.PDF?v=2#p1")).toBe("pdf");
    expect(urlExtension("https://cdn.shop.example/file")).toBeUndefined();
    expect(urlExtension("https://cdn.shop.example/")).toBeUndefined();
    expect(urlExtension("https://cdn.shop.example/.hidden")).toBeUndefined();
    expect(urlExtension("https://user@cdn.shop.example/a.b/c.png")).toBe("png");
  });

  it("accepts a file of the kind's types over https and explains every refusal", () => {
    expect(mediaLinkProblem("image", "https://cdn.shop.example/a.jpg")).toBeUndefined();
    expect(mediaLinkProblem("document", "https://cdn.shop.example/menu.pdf?download=1")).toBeUndefined();
    expect(mediaLinkProblem("image", "")).toMatch(/needs a link/);
    expect(mediaLinkProblem("image", "http://cdn.shop.example/a.jpg")).toMatch(/https/);
    expect(mediaLinkProblem("image", "https://cdn.shop.example/a.gif")).toMatch(
      /\.gif file.*\.jpg, \.jpeg, \.png/,
    );
    expect(mediaLinkProblem("sticker", "https://cdn.shop.example/a.png")).toMatch(/\.webp/);
    expect(mediaLinkProblem("video", "https://cdn.shop.example/watch")).toMatch(/extension/);
    expect(mediaLinkProblem("audio", "https://cdn.shop.example/a b.mp3")).toMatch(/not a valid link/);
    // A link filled in at run time is checked once it is known.
    expect(mediaLinkProblem("document", "https://cdn.shop.example/invoices/{{order}}")).toBeUndefined();
  });

  it("checks an uploaded file's type and size against the kind's limits", () => {
    expect(mediaFileProblem("image", "image/png", 5 * 1024 * 1024)).toBeUndefined();
    expect(mediaFileProblem("image", "image/png", 5 * 1024 * 1024 + 1)).toMatch(/up to 5 MB/);
    expect(mediaFileProblem("sticker", "image/webp", 600 * 1024)).toMatch(/600 KB.*500 KB/);
    expect(mediaFileProblem("audio", "audio/wav", 1000)).toMatch(/audio\/wav cannot be sent as audio/);
  });

  it("fills a link's variables percent-encoded, so an answer cannot change where it points", () => {
    expect(fillLinkTemplate("https://x.example/inv/{{id}}.pdf", { id: "a b/../../admin?x=1" }, 2000)).toBe(
      "https://x.example/inv/a%20b%2F..%2F..%2Fadmin%3Fx%3D1.pdf",
    );
    expect(fillLinkTemplate("https://x.example/{{id}}", { id: "y".repeat(3000) }, 2000)).toBeUndefined();
  });
});
