import { describe, expect, it } from "vitest";
import { scriptBlock, scriptDataSchema } from "./script.ts";

describe("scriptBlock", () => {
  it("has defaults that its own schema accepts, and success and error paths", () => {
    const d = scriptBlock.defaults();
    expect(scriptDataSchema.parse(d)).toEqual(d);
    expect(scriptBlock.outputs(d).map((o) => o.id)).toEqual(["success", "error"]);
  });

  it("writes the variables of its output mapping, once each", () => {
    const d = scriptDataSchema.parse({
      outputMapping: [
        { field: "total", variable: "orderTotal" },
        { field: "status", variable: "orderStatus" },
        { field: "again", variable: "orderTotal" },
        { field: "unset", variable: "" },
      ],
    });
    expect(scriptBlock.writesVariables(d)).toEqual(["orderTotal", "orderStatus"]);
  });

  it("refuses limits above the hard maxima and malformed hosts and secret names", () => {
    expect(scriptDataSchema.safeParse({ timeoutMs: 60_000 }).success).toBe(false);
    expect(scriptDataSchema.safeParse({ memoryMb: 4096 }).success).toBe(false);
    expect(scriptDataSchema.safeParse({ allowedHosts: ["http://api.example.com"] }).success).toBe(false);
    expect(scriptDataSchema.safeParse({ allowedHosts: ["user@api.example.com"] }).success).toBe(false);
    expect(scriptDataSchema.safeParse({ allowedHosts: ["api.example.com:8443"] }).success).toBe(true);
    expect(scriptDataSchema.safeParse({ secrets: ["API KEY"] }).success).toBe(false);
  });
});
