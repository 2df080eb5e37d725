import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { notificationListener } from "./listen.ts";
import { type PrivatePostgres, startPrivatePostgres } from "./testing/privatePostgres.ts";

const cluster = await startPrivatePostgres();

describe.skipIf(!cluster)("notificationListener", () => {
  const db = cluster as PrivatePostgres;
  afterAll(() => db.destroy());

  async function notify(channel: string): Promise<void> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`NOTIFY ${channel}`);
    await client.end();
  }

  async function until(check: () => boolean, ms = 30_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it("hears NOTIFY, wakes its listeners after a database restart, and hears NOTIFY again", {
    timeout: 120_000,
  }, async () => {
    const listener = await notificationListener(db.url);
    let inbox = 0;
    let outbox = 0;
    await listener.listen("benteng_inbox_test", () => inbox++);
    await listener.listen("benteng_outbox_test", () => outbox++);
    await notify("benteng_inbox_test");
    await until(() => inbox === 1);
    expect(outbox).toBe(0);

    db.stop();
    db.start();
    // Notifications sent while it was down are lost, so every listener is called once on reconnect.
    await until(() => inbox === 2 && outbox === 1);
    await notify("benteng_outbox_test");
    await until(() => outbox === 2);
    expect(inbox).toBe(2);
    await listener.end();
  });
});
