// The page of `tonelint serve`, used the way a person uses it, in a real (headless) Chromium:
// paste the seed article's harsh discharge message, press Check, see the flagged words and a
// rewrite; paste the article's assertive rewrite, see it come back clean. Keyboard only, so the
// page is also proved operable without a mouse.
//
// Run by tests/browser/run.sh, which starts the server and passes its address in TONELINT_URL.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const url = process.env.TONELINT_URL;
const artifacts = process.env.TONELINT_ARTIFACTS || ".";
assert.ok(url, "TONELINT_URL is not set (run tests/browser/run.sh)");
mkdirSync(artifacts, { recursive: true });

// From ../shared/seeds/000_f142cf3f49fb3e6e.txt: the "before" and the "after".
const HARSH = "You still haven’t signed the discharge orders. This delay is unacceptable. I need you to do this right now.";
const ASSERTIVE = "I know you’re juggling a lot today. I want to make sure this patient gets home safely, and the home health agency can’t start services until the discharge orders are signed. What’s the best way for us to get this completed today?";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  // As root on a CI machine Chromium needs --no-sandbox; the rest keep it off the network,
  // which this machine's closed network would refuse anyway.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests = [];
  page.on("request", request => requests.push(request.url()));
  await page.goto(url);

  // The draft box is reached by its label, and the Check button by its role and name.
  const draft = page.getByLabel("Your draft");
  await draft.focus();
  await draft.fill(HARSH);
  await page.keyboard.press("Tab");
  // Tab through the category switches to the button, then press it with the keyboard.
  const check = page.getByRole("button", { name: "Check" });
  await check.focus();
  await page.keyboard.press("Enter");

  const marks = page.locator("#draft-view mark[data-rule]");
  await marks.first().waitFor();
  const flagged = await marks.evaluateAll(nodes => nodes.map(n => ({
    rule: n.dataset.rule,
    // The words alone, without the category tag the page adds for readers who cannot see colour.
    words: n.firstChild.textContent,
    tag: n.querySelector(".tag").textContent,
  })));
  console.log("flagged:", JSON.stringify(flagged));
  const unacceptable = flagged.find(m => m.rule === "aggressive.unacceptable");
  assert.ok(unacceptable, "aggressive.unacceptable is highlighted");
  assert.equal(unacceptable.words, "unacceptable");
  assert.match(unacceptable.tag, /aggressive/, "the category is written, not only coloured");
  assert.ok(flagged.some(m => m.rule.startsWith("demanding.")), "a demanding span is highlighted");
  const rewrite = page.locator("#findings li[data-rule='aggressive.unacceptable'] .rewrite").first();
  const rewriteText = await rewrite.textContent();
  console.log("rewrite:", rewriteText);
  assert.match(rewriteText, /\?/, "the rewrite asks a question");
  assert.match(await page.locator("#verdict").textContent(), /aggressive|demanding/);
  await page.screenshot({ path: join(artifacts, "check-page-harsh.png"), fullPage: true });

  // Switching a category off hides its highlights without asking the server again.
  const before = requests.length;
  await page.getByLabel("Aggressive").uncheck();
  assert.equal(await page.locator("#draft-view mark.aggressive").count(), 0);
  assert.equal(requests.length, before, "toggling a shown category needs no new request");
  await page.getByLabel("Aggressive").check();

  await draft.fill(ASSERTIVE);
  await check.click();
  await page.locator("#findings li", { hasText: "reads clean" }).waitFor();
  assert.equal(await marks.count(), 0, "the assertive rewrite is not flagged");
  console.log("verdict on the rewrite:", await page.locator("#verdict").textContent());
  await page.screenshot({ path: join(artifacts, "check-page-clean.png"), fullPage: true });

  // Self-contained: every request went to the server itself.
  const origin = new URL(url).origin;
  const foreign = requests.filter(r => !r.startsWith(origin));
  assert.deepEqual(foreign, [], "the page fetches nothing from elsewhere");
  console.log(`browser test: OK (${requests.length} requests, screenshots in ${artifacts})`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
