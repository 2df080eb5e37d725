import type { Rule, RuleHit } from "./rule.ts";

const parts = [
  { field: "latitudeVariable", label: "latitude" },
  { field: "longitudeVariable", label: "longitude" },
  { field: "nameVariable", label: "place name" },
  { field: "addressVariable", label: "address" },
] as const;

/**
 * An "Ask for location" block keeps what the customer shares: the coordinates are stored (a
 * location without them is lost), and no two parts go into the same variable (one would overwrite
 * the other).
 */
export const locationRequestVariables: Rule = {
  id: "locationRequestVariables",
  severity: "error",
  description:
    "An “Ask for location” block stores the latitude and longitude in variables, each part of the location in a variable of its own.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type !== "locationRequest") continue;
      const seen = new Map<string, string>();
      for (const part of parts) {
        const raw = node.data[part.field];
        const name = typeof raw === "string" ? raw.trim() : "";
        if (name === "") {
          if (part.field === "latitudeVariable" || part.field === "longitudeVariable")
            hits.push({
              blockId: node.id,
              field: part.field,
              message: `Name a variable for the ${part.label}: without it the customer's location is lost.`,
            });
          continue;
        }
        const earlier = seen.get(name);
        if (earlier)
          hits.push({
            blockId: node.id,
            field: part.field,
            message: `The ${part.label} and the ${earlier} both go into {{${name}}}; give each its own variable.`,
          });
        else seen.set(name, part.label);
      }
    }
    return hits;
  },
};
