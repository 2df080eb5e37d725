import { firstAdmin, setUpFirstAdmin, signIn } from "../fixtures/accounts.ts";
import { expect, test } from "../fixtures/app.ts";
import {
  confirmIdentity,
  enrolTwoFactor,
  invite,
  join,
  rememberSecondFactor,
  totpCode,
} from "../fixtures/team.ts";

const reviewer = { name: "Rudi Reviewer", email: "rudi@tokoana.example", password: "rudi's long passphrase" };

test("changing two-factor asks for the password again, and an admin resets a member's lost second factor", async ({
  page: admin,
  browser,
  app,
}) => {
  test.setTimeout(240_000);
  await setUpFirstAdmin(admin);

  // Setting up two-factor first asks the person to confirm it is them: a stolen cookie alone cannot.
  await admin.getByRole("link", { name: "Security" }).click();
  await admin.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const prompt = admin.getByRole("form", { name: "Confirm it's you" });
  await expect(prompt).toBeVisible();
  await expect(admin.getByRole("img", { name: "QR code for your authenticator app" })).toHaveCount(0);
  await prompt.getByLabel("Current password").fill("not my password at all");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByRole("alert")).toContainText("That password is not right.");
  await prompt.getByLabel("Current password").fill(firstAdmin.password);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  // Confirmed, the set-up carries on by itself.
  await expect(admin.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = await admin.getByLabel("Setup key").inputValue();
  await admin.getByLabel("Code from your app").fill(totpCode(secret));
  await admin.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(admin.getByText("Two-factor authentication is on.")).toBeVisible();
  const adminCodes = await admin
    .getByRole("list", { name: "Recovery codes" })
    .getByRole("listitem")
    .allTextContents();
  expect(adminCodes).toHaveLength(10);
  rememberSecondFactor(admin, firstAdmin.password, adminCodes);

  // A reviewer joins and turns on two-factor, then loses their phone.
  const link = await invite(admin, reviewer.email, ["reviewer"]);
  const rudi = await join(browser, app.baseURL, link, reviewer);
  const nag = rudi.getByRole("status").filter({ hasText: "Your role needs two-factor authentication" });
  await expect(nag).toBeVisible();
  await enrolTwoFactor(rudi, reviewer.password);
  await rudi.getByRole("link", { name: "Flows" }).click();
  await expect(rudi.getByRole("heading", { name: "Flows" })).toBeVisible();
  await expect(nag).toHaveCount(0);

  // Later (a new session, so no recent proof), the admin resets it: a confirmation, then the admin's
  // own password and second factor.
  await admin.getByRole("button", { name: "Sign out" }).click();
  await expect(admin.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await admin.getByLabel("Email").fill(firstAdmin.email);
  await admin.getByLabel("Password").fill(firstAdmin.password);
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.getByLabel("Authentication code").fill(adminCodes[0] as string);
  await admin.getByRole("button", { name: "Verify" }).click();
  await expect(admin.getByRole("heading", { name: "Flows" })).toBeVisible();
  await admin.getByRole("link", { name: "Members" }).click();
  const row = admin.getByRole("listitem", { name: reviewer.name });
  await expect(row).toContainText("two-factor on");
  await row.getByRole("button", { name: "Reset two-factor" }).click();
  await admin
    .getByRole("dialog", { name: `Reset two-factor for ${reviewer.name}?` })
    .getByRole("button", { name: "Reset two-factor" })
    .click();
  const adminPrompt = row.getByRole("form", { name: "Confirm it's you" });
  await expect(adminPrompt).toBeVisible();
  // With two-factor on, the password alone does not do.
  await expect(adminPrompt.getByLabel("Authentication code")).toBeVisible();
  await confirmIdentity(admin, firstAdmin.password, adminCodes[1]);
  await expect(row.getByRole("status")).toContainText(
    `Two-factor authentication is off for ${reviewer.name}`,
  );
  await expect(row).toContainText("two-factor off");
  await expect(row.getByRole("button", { name: "Reset two-factor" })).toHaveCount(0);

  // The reviewer was signed out everywhere; they sign in with their password alone and are asked to
  // set two-factor up again.
  await rudi.reload();
  await expect(rudi.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signIn(rudi, reviewer);
  await expect(nag).toBeVisible();
});
