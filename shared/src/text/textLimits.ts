/**
 * The longest text a customer can send in one WhatsApp message, and so the longest text any path
 * takes in or builds: a webhook's text, a simulator message, a filled-in template. Functions that
 * look at text cap it with this (or less) before any pattern runs.
 */
export const MAX_CUSTOMER_TEXT = 65_536;
