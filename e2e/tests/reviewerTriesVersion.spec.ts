import { createFlow, firstAdmin, setUpFirstAdmin } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import { connect, dropBlock } from "../fixtures/flowBuilding.ts";
import { enrolTwoFactor, invite, join } from "../fixtures/team.ts";

const reviewer = { name: "Rudi Reviewer", email: "rudi@tokoana.example", password: "rudi's long passphrase" };

test("a reviewer sees a script's new time limit in the diff, tries the frozen version, and the author is told", async ({
  page: author,
  browser,
  app,
}) => {
  test.setTimeout(240_000);
  await setUpFirstAdmin(author);
  await enrolTwoFactor(author, firstAdmin.password);
  const rudi = await join(browser, app.baseURL, await invite(author, reviewer.email, ["reviewer"]), reviewer);
  await enrolTwoFactor(rudi, reviewer.password);

  // Version 1: a greeting, a script, and where each of its outcomes goes.
  await createFlow(author, "Order lookup");
  await dropBlock(author, "Message", { x: 60, y: 40 });
  await author.getByLabel("Message text").fill("Hello from Toko Ana!");
  await dropBlock(author, "Script", { x: 380, y: 40 });
  await dropBlock(author, "Message", { x: 700, y: 40 });
  await author.getByLabel("Message text").fill("All checked.");
  await dropBlock(author, "Message", { x: 700, y: 400 });
  await author.getByLabel("Message text").fill("Sorry, something went wrong.");
  const greeting = author.getByRole("article", { name: "Message block" }).filter({ hasText: "Hello from" });
  const script = author.getByRole("article", { name: "Script block" });
  await connect(author, author.locator(".react-flow__node-start"), "Next", greeting);
  await connect(author, greeting, "Next", script);
  await connect(
    author,
    script,
    "Success",
    author.getByRole("article", { name: "Message block" }).filter({ hasText: "All checked." }),
  );
  await connect(
    author,
    script,
    "Error",
    author.getByRole("article", { name: "Message block" }).filter({ hasText: "Sorry" }),
  );
  await expect(author.getByText("All changes saved")).toBeVisible();
  const submit = async (note: string) => {
    await author.getByRole("button", { name: "Submit for review" }).click();
    await author.getByLabel("Note for the reviewer").fill(note);
    await author.getByRole("button", { name: "Send to review" }).click();
    await expect(author.getByRole("status", { name: "Review status" })).toContainText("waiting for review");
  };
  await submit("First version");

  // The reviewer is told in the navigation, approves and publishes.
  const nav = rudi.getByRole("navigation", { name: "Main" });
  await rudi.reload();
  await nav.getByRole("link", { name: /^Review\s*1 new$/ }).click();
  await rudi
    .getByRole("list", { name: "Review news" })
    .getByRole("link", { name: "Order lookup v1" })
    .click();
  const warnings = rudi.getByRole("checkbox", { name: "I have read the policy warnings" });
  await expect(rudi.getByRole("button", { name: "Approve" })).toBeVisible();
  if (await warnings.isVisible()) await warnings.check();
  await rudi.getByRole("button", { name: "Approve" }).click();
  await rudi.getByRole("button", { name: "Publish" }).click();
  await expect(rudi.getByText(/Published version 1/)).toBeVisible();
  // The header no longer says nothing is live.
  await expect(rudi.getByRole("main").getByText("this is the live version")).toBeVisible();
  await expect(rudi.getByText("nothing is live yet")).toHaveCount(0);

  // The author raises the script's time limit: the editor says the draft differs from what is live.
  await author.reload();
  await expect(author.getByRole("status", { name: "Review status" })).toContainText("Version 1: live");
  await author.getByRole("article", { name: "Script block" }).click();
  await author.getByLabel("Time limit (ms)").fill("3000");
  await expect(author.getByText("All changes saved")).toBeVisible();
  await expect(author.getByRole("status", { name: "Review status" })).toContainText("unpublished changes");
  await submit("Longer time limit");
  // What the reviewer tries is frozen: a later edit of the draft does not change it.
  await author.getByRole("article", { name: "Message block" }).filter({ hasText: "Hello from" }).click();
  await author.getByLabel("Message text").fill("A draft edit nobody submitted");
  await expect(author.getByText("All changes saved")).toBeVisible();

  // The reviewer sees the number change, with the editor's words, and tries version 2.
  await nav.getByRole("link", { name: /Review/ }).click();
  await rudi.getByRole("link", { name: "Order lookup — version 2" }).click();
  const change = rudi.getByRole("listitem", { name: /Script.*· Time limit/ });
  await expect(change).toContainText("1,000 ms");
  await expect(change).toContainText("3,000 ms");
  await expect(rudi.getByRole("main")).toContainText("compared with the live version");
  await rudi.getByRole("button", { name: "Try version 2" }).click();
  const sim = rudi.getByRole("complementary", { name: "Simulator" });
  await sim.getByLabel("Message as the customer").fill("hi");
  await sim.getByRole("button", { name: "Send" }).click();
  await expect(sim.getByRole("log")).toContainText("Hello from Toko Ana!");
  await expect(sim.getByRole("log")).toContainText("All checked.");
  await expect(sim.getByRole("log")).not.toContainText("A draft edit nobody submitted");

  // The reviewer sends it back; the author sees the decision in their notices.
  await rudi.getByLabel("Comment for the author").fill("Why 3 seconds?");
  await rudi.getByRole("button", { name: "Reject" }).click();
  await expect(rudi.getByText("Sent version 2 back to the author.")).toBeVisible();
  await author.reload();
  await author
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Review\s*\d+ new$/ })
    .click();
  await expect(author.getByRole("list", { name: "Review news" })).toContainText("sent back Order lookup v2");
  await expect(author.getByRole("list", { name: "Review news" })).toContainText("Why 3 seconds?");
});
