import { z } from "zod";
import { WHATSAPP_LIMITS } from "../whatsapp/limits.ts";
import { defineBlock } from "./blockDefinition.ts";

const variableName = () => z.string().max(64);

export const locationRequestDataSchema = z.object({
  /** The text above WhatsApp's "Send location" button. */
  prompt: z.string().max(20_000).default(""),
  /** Where the shared location goes; an empty name leaves that part unstored. */
  latitudeVariable: variableName().default("latitude"),
  longitudeVariable: variableName().default("longitude"),
  /** The place's name and address, when the customer picked a named place (often empty for a pin). */
  nameVariable: variableName().default("locationName"),
  addressVariable: variableName().default("locationAddress"),
  /** Sent with the button again when the customer answers with something other than a location. */
  repromptText: z.string().max(4096).default("Please tap “Send location” to share where you are."),
  /** After this many answers that are not a location the conversation takes the "give up" path. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
});
export type LocationRequestData = z.infer<typeof locationRequestDataSchema>;

export const locationRequestBlock = defineBlock({
  type: "locationRequest",
  label: "Ask for location",
  description: "Shows WhatsApp's “Send location” button and stores the shared place in variables.",
  icon: "location",
  category: "input",
  dataSchema: locationRequestDataSchema,
  defaults: (): LocationRequestData => ({
    prompt: "",
    latitudeVariable: "latitude",
    longitudeVariable: "longitude",
    nameVariable: "locationName",
    addressVariable: "locationAddress",
    repromptText: "Please tap “Send location” to share where you are.",
    maxAttempts: 3,
  }),
  outputs: () => [
    { id: "next", label: "Location shared" },
    { id: "giveUp", label: "Gave up" },
  ],
  waitsForCustomer: true,
  // Both texts are sent as a location request's body, which WhatsApp caps at 1,024 characters.
  customerTexts: (d) => [
    {
      field: "prompt",
      label: "Request text",
      text: d.prompt,
      limit: WHATSAPP_LIMITS.locationRequestBody,
      required: true,
    },
    {
      field: "repromptText",
      label: "Re-prompt text",
      text: d.repromptText,
      limit: WHATSAPP_LIMITS.locationRequestBody,
    },
  ],
  writesVariables: (d) =>
    [d.latitudeVariable, d.longitudeVariable, d.nameVariable, d.addressVariable].filter((v) => v !== ""),
  summary: (d) => d.prompt,
});
