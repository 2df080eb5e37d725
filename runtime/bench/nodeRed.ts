// Node-RED 4 doing the benchmark's conversation without durability, for `bench:runtime` to compare
// with (BENCH_NODE_RED=<folder>): http in (raw body) → function (HMAC check, in-memory state per
// contact, the reply) → http request (keep-alive) to the same fake Graph API → http response. It is
// installed from the npm registry into that folder (outside the repository) when not there yet.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface NodeRed {
  port: number;
  version: string;
  /** CPU time (user + system) the Node-RED process used so far, ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Installs Node-RED 4 into `folder` if needed and starts it with the flow below. */
export async function startNodeRed(options: {
  folder: string;
  graphUrl: string;
  /** The fake Graph API's certificate when it serves https (Node-RED is told to trust it). */
  graphCa: string | null;
  channelId: string;
  phoneNumberId: string;
  appSecret: string;
}): Promise<NodeRed> {
  const packageDir = join(options.folder, "node_modules", "node-red");
  if (!existsSync(join(packageDir, "package.json"))) {
    mkdirSync(options.folder, { recursive: true });
    process.stderr.write(`installing node-red@4 into ${options.folder}\n`);
    execFileSync("npm", ["install", "--prefix", options.folder, "--no-audit", "--no-fund", "node-red@4"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const version = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version as string;
  const userDir = mkdtempSync(join(tmpdir(), "benteng-node-red-"));
  writeFileSync(
    join(userDir, "settings.js"),
    `module.exports = {
      flowFile: "flows.json",
      httpAdminRoot: false,
      disableEditor: true,
      credentialSecret: false,
      logging: { console: { level: "warn", metrics: false, audit: false } },
      functionGlobalContext: { crypto: require("node:crypto") },
    };\n`,
  );
  writeFileSync(join(userDir, "flows.json"), JSON.stringify(flow(options)));
  if (options.graphCa) writeFileSync(join(userDir, "graph-ca.pem"), options.graphCa);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(packageDir, "red.js"),
      "--userDir",
      userDir,
      "--settings",
      join(userDir, "settings.js"),
      "--port",
      String(port),
    ],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        ...(options.graphCa ? { NODE_EXTRA_CA_CERTS: join(userDir, "graph-ca.pem") } : {}),
      },
    },
  );
  // Not left running when the benchmark is interrupted.
  const killChild = () => child.kill("SIGKILL");
  process.once("exit", killChild);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killChild();
      process.exit(1);
    });
  }
  await waitUntilListening(`http://127.0.0.1:${port}/webhooks/whatsapp/${options.channelId}`, child);
  return {
    port,
    version,
    cpuMs: () => processCpuMs(child.pid as number),
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      process.off("exit", killChild);
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/**
 * The conversation of the benchmark's shop flow, one reply per message (the driver times the first):
 * "hi" → a greeting that asks for the order number, the number → reply buttons, a tap → the tracking
 * text. The state lives in the function's context (memory): lost on a restart, never written down.
 */
function flow(options: { graphUrl: string; channelId: string; phoneNumberId: string; appSecret: string }) {
  const bot = `
const crypto = global.get("crypto");
const raw = msg.payload;
const given = String(msg.req.headers["x-hub-signature-256"] || "").replace(/^sha256=/, "");
const expected = crypto.createHmac("sha256", ${JSON.stringify(options.appSecret)}).update(raw).digest("hex");
if (given.length !== 64 || !crypto.timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"))) {
  msg.statusCode = 401; msg.payload = "invalid signature"; return [null, msg];
}
const body = JSON.parse(raw.toString("utf8"));
const m = body.entry?.[0]?.changes?.[0]?.value?.messages?.[0];
if (!m) { msg.statusCode = 200; msg.payload = "EVENT_RECEIVED"; return [null, msg]; }
const state = context.get(m.from) || { stage: 0 };
let reply;
if (m.type === "interactive") {
  reply = { type: "text", text: { body: "Order " + state.order + " is on its way." } };
  state.stage = 0;
} else if (state.stage === 1 && /^\\d+$/.test(m.text?.body || "")) {
  state.order = m.text.body; state.stage = 2;
  reply = { type: "interactive", interactive: { type: "button", body: { text: "Order " + state.order + ": what do you need?" },
    action: { buttons: [{ type: "reply", reply: { id: "track", title: "Track it" } }, { type: "reply", reply: { id: "cancel", title: "Cancel it" } }] } } };
} else {
  state.stage = 1;
  reply = { type: "text", text: { body: "Hi! I'm the shop assistant. What is your order number?" } };
}
context.set(m.from, state);
msg.method = "POST";
msg.url = ${JSON.stringify(`${options.graphUrl}/${options.phoneNumberId}/messages`)};
msg.headers = { authorization: "Bearer node-red", "content-type": "application/json" };
msg.payload = JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to: m.from, ...reply });
return [msg, null];`;
  return [
    { id: "tab", type: "tab", label: "bench" },
    {
      id: "in",
      type: "http in",
      z: "tab",
      // A fixed path: Node-RED hands the raw body (skipBodyParsing) only to a route without parameters.
      url: `/webhooks/whatsapp/${options.channelId}`,
      method: "post",
      upload: false,
      skipBodyParsing: true,
      wires: [["bot"]],
    },
    { id: "bot", type: "function", z: "tab", func: bot, outputs: 2, wires: [["send"], ["out"]] },
    {
      id: "send",
      type: "http request",
      z: "tab",
      method: "use",
      ret: "txt",
      paytoqs: "ignore",
      url: "",
      persist: true,
      wires: [["ok"]],
    },
    {
      id: "ok",
      type: "change",
      z: "tab",
      rules: [
        { t: "set", p: "statusCode", pt: "msg", to: "200", tot: "num" },
        { t: "set", p: "payload", pt: "msg", to: "EVENT_RECEIVED", tot: "str" },
        { t: "delete", p: "headers", pt: "msg" },
      ],
      wires: [["out"]],
    },
    { id: "out", type: "http response", z: "tab", statusCode: "", headers: {}, wires: [] },
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node-red exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, {
        method: "POST",
        body: "{}",
        headers: { "content-type": "application/json" },
      });
      await response.arrayBuffer();
      if (response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("node-red did not start within 60 s");
}

/** utime + stime of a process from /proc (Linux), ms. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

const CLOCK_TICKS = Number(
  (() => {
    try {
      return execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim();
    } catch {
      return "100";
    }
  })(),
);
