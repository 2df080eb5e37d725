import type { BlockCategory } from "@benteng/shared";

export const categoryColors: Record<BlockCategory, string> = {
  trigger: "bg-emerald-100 text-emerald-800",
  message: "bg-sky-100 text-sky-800",
  input: "bg-violet-100 text-violet-800",
  logic: "bg-amber-100 text-amber-800",
  action: "bg-rose-100 text-rose-800",
};
