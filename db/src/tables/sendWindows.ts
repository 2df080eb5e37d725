/** A phone number's sends in the current one-second window, shared by every runtime process. */
export interface SendWindowsTable {
  phone_number_id: string;
  window_start: Date;
  used: number;
  /** What the latest reservation got (RETURNING sees only the new row). */
  last_granted: number;
}
