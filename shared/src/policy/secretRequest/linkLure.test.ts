import { describe, expect, it } from "vitest";
import { detectSecretRequest } from "./detectSecretRequest.ts";

const noWorkspace = { linkAllowlist: [] };
const blocked = (text: string, linkAllowlist: string[] = []) =>
  detectSecretRequest(text, { linkAllowlist }).block;

describe("link lures (credential harvesting through a page)", () => {
  it("catches each move of a lure, in several languages", () => {
    // Logging in, verifying details, an action on an account or card.
    expect(blocked("Akun Anda dibekukan. Login di bca-pulih.site untuk membuka blokir.")).toBe(true);
    expect(blocked("Verify your details at secure-bank-login.com today.")).toBe(true);
    expect(blocked("Bayar caj dan isi maklumat kad di poslaju-bayar.site")).toBe(true);
    // A threat, then a page.
    expect(blocked("Votre carte est bloquée. Cliquez sur carte-debloquer.info")).toBe(true);
    // A prize or refund, then a claim.
    expect(blocked("Congrats, you won a $500 voucher! Claim now: bit.ly/claim500")).toBe(true);
    // A fee to pay on the page.
    expect(blocked("Your parcel is waiting. Pay the £1.45 customs fee at parcel-fees.top")).toBe(true);
    // The address names the step; the text only threatens.
    expect(blocked("Your account has been suspended: https://acct-verify-login.net")).toBe(true);
  });

  it("reads links written apart or defanged", () => {
    expect(blocked("Update your billing info: netflix-billing . com/update")).toBe(true);
    expect(blocked("Sua conta foi bloqueada. Acesse hxxps://banco-desbloqueio[.]net")).toBe(true);
    expect(blocked("Your card is locked. Visit bit. ly/unlock-card")).toBe(true);
  });

  it("keeps links that ask for nothing", () => {
    expect(blocked("Here are the photos from the trip: photos.app.goo.gl/abc")).toBe(false);
    expect(blocked("Track your parcel here (no login needed): https://track.example.com/BT1")).toBe(false);
    expect(blocked("Tatabba3 el shi7na mn hon bala login: https://track.example.ae/1")).toBe(false);
    expect(blocked("Our lunch menu: www.warung.example.id/menu")).toBe(false);
    expect(blocked("Win a trip to Bali! Enter the contest at https://contest.example.com")).toBe(false);
    expect(blocked("Join our meeting: https://zoom.us/j/123 password 12345")).toBe(false);
  });

  it("lets a warning about such links pass", () => {
    expect(blocked("Never log in through links in SMS. Our only website is bank.example.com")).toBe(false);
    expect(blocked("Scammers say your account is blocked and send links like bank-verify.top")).toBe(false);
  });

  it("reads a failure told before an update as a threat, not a warning", () => {
    expect(blocked("We could not process your payment. Update your card at pay-again.site")).toBe(true);
    expect(blocked("Couldn't reach you. Visit our site for hours: shop.example.com")).toBe(false);
  });

  it("keeps the lure's own conditions and threats as part of the lure", () => {
    expect(blocked("If you do not verify within 24h your account will be closed: verify-acct.top")).toBe(
      true,
    );
    expect(blocked("Para evitar el bloqueo, acceda con sus datos en banco-seguro.online")).toBe(true);
  });

  it("allows the business's own allow-listed domain, and names the host otherwise", () => {
    const text = "Log in to see your new statement: https://online.mybank.example/statements";
    expect(blocked(text, ["mybank.example"])).toBe(false);
    const result = detectSecretRequest(text, noWorkspace);
    expect(result.block).toBe(true);
    expect(result.findings[0]).toMatchObject({
      kind: "login-link",
      matched: "https://online.mybank.example/statements",
    });
    expect(result.findings[0]?.explanation).toContain("online.mybank.example");
    expect(result.findings[0]?.explanation).toContain("allowed websites");
  });
});

describe("personal messages that name a secret's word", () => {
  it("lets innocent uses pass", () => {
    for (const text of [
      "Lost the back of my earring pin, have you seen it?",
      "the hinge pin on the gate broke again",
      'the escape room\'s final answer was literally "password"',
      "the wifi password is on the fridge",
      "pin the location so I can find you",
      "my pin code is 560001, send the parcel there",
    ])
      expect(detectSecretRequest(text, noWorkspace).block, text).toBe(false);
  });
});
