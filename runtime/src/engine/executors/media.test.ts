import { describe, expect, it } from "vitest";
import { buildFlow } from "../../testing/sampleFlow.ts";
import { stepConversation } from "../stepConversation.ts";

const file = {
  sha256: "ab".repeat(32),
  ext: "png",
  mimeType: "image/png",
  bytes: 1234,
  name: "menu.png",
};
const flow = buildFlow(
  [
    { id: "start", type: "start", data: { keywords: [] } },
    { id: "pic", type: "media", data: { kind: "image", url: "", caption: "Menu", file } },
    { id: "end", type: "end", data: {} },
  ],
  [
    ["start", "next", "pic"],
    ["pic", "next", "end"],
  ],
);
const hi = { text: "hi", messageType: "text" };

describe("media block with an uploaded file", () => {
  it("links Benteng's public URL in the runtime and a path on the editor's origin in the simulator", async () => {
    const live = await stepConversation(flow, null, hi, { publicUrl: "https://bot.example.com" });
    expect(live.outbound.map((o) => o.message)).toEqual([
      {
        kind: "media",
        mediaType: "image",
        link: `https://bot.example.com/media/${file.sha256}.png`,
        caption: "Menu",
      },
    ]);
    const simulated = await stepConversation(flow, null, hi, { publicUrl: "" });
    expect(simulated.outbound[0]?.message).toMatchObject({ link: `/media/${file.sha256}.png` });
  });

  it("sends nothing, and says why, when the public URL is not configured", async () => {
    const result = await stepConversation(flow, null, hi, {});
    expect(result.outbound).toEqual([]);
    expect(result.logs.join("\n")).toMatch(/BENTENG_PUBLIC_URL is not set/);
  });
});
