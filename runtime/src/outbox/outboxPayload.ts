/** Purpose bound to the encrypted Graph API request bodies in the outbox. */
export const OUTBOX_PAYLOAD_PURPOSE = "outbox.payload";
