import type { Flow } from "../flowSchema.ts";
import { faqTemplate } from "./faq.ts";
import { leadCaptureTemplate } from "./leadCapture.ts";
import { orderStatusTemplate } from "./orderStatus.ts";

/** Starter templates offered when creating a flow; each passes every check of the linter. */
export const flowTemplates = {
  orderStatus: {
    name: "Order status",
    description: "Customers check an order by its number.",
    build: orderStatusTemplate,
  },
  leadCapture: {
    name: "Lead capture",
    description: "Collect a name, email and interest.",
    build: leadCaptureTemplate,
  },
  faq: { name: "FAQ", description: "A menu of common questions.", build: faqTemplate },
} as const satisfies Record<string, { name: string; description: string; build: () => Flow }>;

export type FlowTemplateId = keyof typeof flowTemplates;
export const flowTemplateIds = Object.keys(flowTemplates) as FlowTemplateId[];
