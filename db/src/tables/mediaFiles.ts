import type { ColumnType, Insertable, Selectable } from "kysely";

/** A file uploaded for media blocks: its bytes, keyed by their SHA-256 within a workspace. */
export interface MediaFilesTable {
  workspace_id: string;
  /** SHA-256 of the content (hex). */
  sha256: string;
  /** The media kind it was checked for (image, video, audio, document, sticker). */
  kind: string;
  /** Sniffed from the bytes, never taken from the browser. */
  mime_type: string;
  ext: string;
  bytes: ColumnType<number, number, never>;
  /** The uploaded file's name, as the marketer had it. */
  name: string;
  content: ColumnType<Uint8Array, Uint8Array, never>;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}
export type MediaFileRow = Selectable<MediaFilesTable>;
export type NewMediaFileRow = Insertable<MediaFilesTable>;
