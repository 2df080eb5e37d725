/** WhatsApp Cloud API hard limits (the API rejects past these; we refuse them at design time). */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  header: 60,
  footer: 60,
  buttonsPerMessage: 3,
  buttonTitle: 20,
  buttonId: 256,
  listSections: 10,
  listRowsTotal: 10,
  listSectionTitle: 24,
  listRowTitle: 24,
  listRowId: 200,
  listRowDescription: 72,
  listButtonText: 20,
  /** The text above a location request's "Send location" button. */
  locationRequestBody: 1024,
} as const;
