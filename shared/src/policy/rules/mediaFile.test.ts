import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const findings = (data: Record<string, unknown>) =>
  lintFlow(testFlow([{ id: "m", type: "media", data }]), { linkAllowlist: ["cdn.shop.example"] });

describe("mediaFile", () => {
  it("passes an image on an allowed https host with a caption", () => {
    expect(
      findings({ kind: "image", url: "https://cdn.shop.example/a.png", caption: "Our new menu" }).filter(
        (f) => f.blockId === "m" && f.ruleId !== "deadEnd" && f.ruleId !== "unreachableBlock",
      ),
    ).toEqual([]);
  });

  it("is an error when WhatsApp would refuse the file or the caption", () => {
    const hits = (data: Record<string, unknown>) =>
      findings(data)
        .filter((f) => f.ruleId === "mediaFile")
        .map((f) => [f.severity, f.field]);
    expect(hits({ kind: "video", url: "https://cdn.shop.example/a.mov" })).toEqual([["error", "url"]]);
    expect(hits({ kind: "audio", url: "https://cdn.shop.example/a.mp3", caption: "Listen" })).toEqual([
      ["error", "caption"],
    ]);
    expect(hits({ kind: "document", url: "" })).toEqual([["error", "url"]]);
  });

  it("reads captions, file names and links like any text a customer sees", () => {
    const ids = (data: Record<string, unknown>) => findings(data).map((f) => f.ruleId);
    expect(
      ids({ kind: "image", url: "https://cdn.shop.example/a.png", caption: "Reply with your card PIN" }),
    ).toContain("secretRequestInText");
    expect(ids({ kind: "image", url: "https://elsewhere.example/a.png" })).toContain("linkOutsideAllowlist");
    expect(ids({ kind: "image", url: "https://cdn.shop.example/{{nope}}.png" })).toContain(
      "undefinedVariable",
    );
    expect(
      ids({ kind: "document", url: "https://cdn.shop.example/a.pdf", caption: "x".repeat(1025) }),
    ).toContain("textLength");
  });
});

describe("mediaFile with an uploaded file", () => {
  const file = {
    sha256: "a".repeat(64),
    ext: "png",
    mimeType: "image/png",
    bytes: 2048,
    name: "menu.png",
  };
  const hits = (data: Record<string, unknown>) =>
    findings(data)
      .filter((f) => f.ruleId === "mediaFile")
      .map((f) => `${f.field}: ${f.message}`);

  it("needs no link when a file was uploaded", () => {
    expect(hits({ kind: "image", url: "", file })).toEqual([]);
  });

  it("names the file when the block's kind no longer fits it", () => {
    expect(hits({ kind: "video", url: "", file })).toEqual([
      "file: The uploaded file menu.png: image/png cannot be sent as video; WhatsApp takes .mp4, .3gp.",
    ]);
  });
});
