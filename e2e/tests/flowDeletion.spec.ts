import { firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { block, connect, dropBlock } from "../fixtures/flowBuilding.ts";
import { confirmAsEnrolled, enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const marketer = { name: "Mira Marketer", email: "mira@tokoana.example", password: "mira's long passphrase" };
const reviewer = { name: "Rudi Reviewer", email: "rudi@tokoana.example", password: "rudi's long passphrase" };

test("deleting a live flow names its channel, is refused while a number uses it, takes a reviewer with 2FA, and can be undone", async ({
  page: admin,
  browser,
  app,
}) => {
  test.setTimeout(240_000);
  await setUpFirstAdmin(admin);
  await enrolTwoFactor(admin, firstAdmin.password);
  const mira = await join(browser, app.baseURL, await invite(admin, marketer.email, ["marketer"]), marketer);
  const rudi = await join(browser, app.baseURL, await invite(admin, reviewer.email, ["reviewer"]), reviewer);
  await enrolTwoFactor(rudi, reviewer.password);

  // Mira builds "Order help"; Rudi approves and publishes it.
  await mira.getByLabel("New flow name").fill("Order help");
  await mira.getByRole("button", { name: "Create flow" }).click();
  await expect(mira.getByRole("heading", { name: "Order help" })).toBeVisible();
  await dropBlock(mira, "Message", { x: 300, y: 80 });
  await mira.getByLabel("Message text").fill("Hello! How can we help?");
  await connect(
    mira,
    mira.locator(".react-flow__node-start"),
    "Next",
    block(mira, "Hello! How can we help?"),
  );
  await expect(mira.getByText("All changes saved")).toBeVisible();
  await mira.getByRole("button", { name: "Submit for review" }).click();
  await mira.getByLabel("Note for the reviewer").fill("First greeting");
  await mira.getByRole("button", { name: "Send to review" }).click();
  await expect(mira.getByRole("status", { name: "Review status" })).toContainText("waiting for review");
  await rudi.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await rudi.getByRole("link", { name: "Order help — version 1" }).click();
  await rudi.getByRole("checkbox", { name: "I have read the policy warnings" }).check();
  await rudi.getByRole("button", { name: "Approve" }).click();
  await expect(rudi.getByText("Approved version 1.")).toBeVisible();
  await rudi.getByRole("button", { name: "Publish" }).click();
  await expect(rudi.getByText("Published version 1. New conversations use it now.")).toBeVisible();

  // A flow with nothing published: pointing a number at it would not answer anyone, and the page says so.
  await mira.getByRole("link", { name: "Flows" }).click();
  await mira.getByLabel("New flow name").fill("Not ready yet");
  await mira.getByRole("button", { name: "Create flow" }).click();
  await expect(mira.getByRole("heading", { name: "Not ready yet" })).toBeVisible();

  await admin.getByRole("link", { name: "Channels" }).click();
  await admin.getByLabel("Channel name").fill("Customer service");
  await admin.getByLabel("Phone number ID").fill("106540352242922");
  await admin.getByLabel("Access token").fill("EAAG-test-token");
  await admin.getByLabel("App secret").fill("app-secret-for-tests");
  await admin.getByLabel("Verify token").fill("verify-me");
  await admin.getByLabel("Graph API base URL").fill(app.graph.url);
  await admin
    .getByLabel("Answered by flow")
    .last()
    .selectOption({ label: "Not ready yet (nothing published)" });
  await admin.getByRole("button", { name: "Connect number" }).click();
  await expect(admin.getByRole("status")).toContainText("“Not ready yet” has no published version yet");
  await admin.getByLabel("Answered by flow").first().selectOption({ label: "Order help" });
  // Re-pointing a live number asks the admin to confirm it is them, for this change alone.
  await confirmAsEnrolled(admin);
  await expect(admin.getByText(/has no published version yet/)).toHaveCount(0);

  // The marketer tries to delete the live flow: the dialog names the number and refuses.
  await mira.getByRole("link", { name: "Flows" }).click();
  await mira.getByRole("button", { name: "Delete Order help" }).click();
  const dialog = mira.getByRole("dialog", { name: "Delete “Order help”?" });
  await expect(dialog.getByRole("list", { name: "Channels using this flow" })).toContainText(
    "Customer service (106540352242922)",
  );
  await expect(dialog.getByRole("alert")).toContainText("Point that channel at another flow");
  await expect(dialog.getByRole("button", { name: "Delete live flow" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The admin moves the number off the flow; now it is not used, but still live: a reviewer's act.
  await admin.getByLabel("Answered by flow").first().selectOption({ label: "(none)" });
  await confirmAsEnrolled(admin);
  await expect(admin.getByRole("status")).toContainText("No flow answers this number now");
  await mira.reload();
  await mira.getByRole("button", { name: "Delete Order help" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "a reviewer signed in with two-factor authentication must delete it",
  );
  await expect(dialog.getByRole("button", { name: "Delete live flow" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await rudi.getByRole("link", { name: "Flows" }).click();
  await rudi.getByRole("button", { name: "Delete Order help" }).click();
  const rudiDialog = rudi.getByRole("dialog", { name: "Delete “Order help”?" });
  await expect(rudiDialog).toContainText("recorded in the audit log");
  await rudiDialog.getByRole("button", { name: "Delete live flow" }).click();
  await expect(rudi.getByRole("list", { name: "Your flows" })).not.toContainText("Order help");
  await expect(rudi.getByRole("list", { name: "Recently deleted flows" })).toContainText("Order help");

  // Mira restores it from Recently deleted.
  await mira.reload();
  await mira.getByRole("button", { name: "Restore Order help" }).click();
  await expect(mira.getByText("“Order help” is back in your flows.")).toBeVisible();
  await expect(mira.getByRole("list", { name: "Your flows" })).toContainText("Order help");
  await expect(mira.getByRole("list", { name: "Recently deleted flows" })).toHaveCount(0);

  // The audit log tells the story.
  await admin.getByRole("link", { name: "Audit log" }).click();
  await expect(admin.getByRole("main")).toContainText("flow.deleted");
  await expect(admin.getByRole("main")).toContainText("flow.restored");
});
