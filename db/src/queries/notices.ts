import { redactIdentifiers } from "@benteng/shared";
import { sql } from "kysely";
import type { Db } from "../tables/database.ts";
import type { NoticeKind } from "../tables/notices.ts";

export interface NewNotice {
  workspaceId: string;
  kind: NoticeKind;
  subject: string;
  label: string;
  /**
   * Must carry no customer data: it is shown to everyone who can act on the notice. Card and phone
   * numbers and e-mails it quotes anyway (a script's error) are masked before it is stored.
   */
  detail: string;
  link: string | null;
  /** Only this member sees and dismisses it (null: everyone whose roles see its kind). */
  forUserId?: string | null;
  /** How many occurrences this raise counts (default 1): a burst of the same is one statement. */
  occurrences?: number;
}

/**
 * Counts one more occurrence of what a notice is about (one statement, safe to run concurrently):
 * the latest reason wins; a dismissed notice comes back, counting from one.
 */
export async function raiseNotice(db: Db, notice: NewNotice): Promise<void> {
  const occurrences = Math.max(1, Math.floor(notice.occurrences ?? 1));
  await db
    .insertInto("notices")
    .values({
      workspace_id: notice.workspaceId,
      kind: notice.kind,
      subject: notice.subject.slice(0, 300),
      label: notice.label.slice(0, 300),
      detail: redactIdentifiers(notice.detail.slice(0, 500)),
      link: notice.link,
      for_user_id: notice.forUserId ?? null,
      count: occurrences,
    })
    .onConflict((oc) =>
      oc.columns(["workspace_id", "kind", "subject"]).doUpdateSet({
        count: sql`case when notices.dismissed_at is null then notices.count + excluded.count else excluded.count end`,
        first_at: sql`case when notices.dismissed_at is null then notices.first_at else now() end`,
        label: (eb) => eb.ref("excluded.label"),
        detail: (eb) => eb.ref("excluded.detail"),
        link: (eb) => eb.ref("excluded.link"),
        last_at: sql`now()`,
        dismissed_at: null,
        dismissed_by: null,
      }),
    )
    .execute();
}

/** Open notices of the given kinds for everyone or for this member, the latest first. */
export async function openNotices(
  db: Db,
  workspaceId: string,
  kinds: readonly NoticeKind[],
  userId: string | null = null,
) {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom("notices")
    .select(["id", "kind", "label", "detail", "link", "count", "first_at", "last_at"])
    .where("workspace_id", "=", workspaceId)
    .where("kind", "in", kinds)
    .where("dismissed_at", "is", null)
    .where((eb) => eb.or([eb("for_user_id", "is", null), eb("for_user_id", "=", userId)]))
    .orderBy("last_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    label: r.label,
    detail: r.detail,
    link: r.link,
    count: Number(r.count),
    firstAt: new Date(r.first_at),
    lastAt: new Date(r.last_at),
  }));
}

/** Marks an open notice of one of `kinds` as seen to; its label, or null when there is none such. */
export async function dismissNotice(
  db: Db,
  input: { workspaceId: string; noticeId: string; userId: string | null; kinds: readonly NoticeKind[] },
): Promise<{ id: string; label: string; kind: NoticeKind } | null> {
  if (input.kinds.length === 0) return null;
  const row = await db
    .updateTable("notices")
    .set({ dismissed_at: new Date(), dismissed_by: input.userId })
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.noticeId)
    .where("kind", "in", input.kinds)
    .where("dismissed_at", "is", null)
    .where((eb) => eb.or([eb("for_user_id", "is", null), eb("for_user_id", "=", input.userId)]))
    .returning(["id", "label", "kind"])
    .executeTakeFirst();
  return row ?? null;
}
