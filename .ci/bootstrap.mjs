#!/usr/bin/env node
// The one entry point behind every root npm script (start, test, setup, benteng, bench:*).
// It must run on any Node.js >= 20 with only npm on PATH: it fetches Node 24 and the pinned pnpm
// from the npm registry into .toolchain/ (never globally), installs, builds, then runs the command
// with Node 24. Progress goes to stderr so that CLI commands keep a clean stdout.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TOOLS = join(ROOT, ".toolchain");
const NODE_MAJOR = 24;
const rootPkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const PNPM_VERSION = rootPkg.packageManager.replace(/^pnpm@/, "").split("+")[0];

const say = (msg) => process.stderr.write(`[benteng] ${msg}\n`);
const die = (msg) => {
  process.stderr.write(`\n[benteng] ERROR: ${msg}\n\n`);
  process.exit(1);
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ["inherit", process.stderr, "inherit"], cwd: ROOT, ...opts });
  if (r.status !== 0) die(`\`${[cmd, ...args].join(" ")}\` failed (exit ${r.status ?? r.signal})`);
}

function npmPackInto(spec, dest) {
  mkdirSync(dest, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const out = execFileSync(npm, ["pack", spec, "--silent", "--pack-destination", dest], {
    cwd: dest,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const tgz = join(dest, out.trim().split("\n").pop());
  execFileSync("tar", ["xzf", tgz, "-C", dest], { stdio: "inherit" });
  rmSync(tgz);
}

function ensureNode() {
  if (Number(process.versions.node.split(".")[0]) === NODE_MAJOR) return process.execPath;
  const dir = join(TOOLS, `node${NODE_MAJOR}`);
  const bin =
    process.platform === "win32" ? join(dir, "package", "node.exe") : join(dir, "package", "bin", "node");
  if (!existsSync(bin)) {
    const spec = `node-${process.platform}-${process.arch}@${NODE_MAJOR}`;
    say(
      `Node.js ${process.versions.node} found; fetching Node.js ${NODE_MAJOR} (${spec}) from the npm registry into .toolchain/`,
    );
    rmSync(dir, { recursive: true, force: true });
    npmPackInto(spec, dir);
    if (process.platform !== "win32") chmodSync(bin, 0o755);
  }
  return bin;
}

function ensurePnpm(node) {
  const dir = join(TOOLS, `pnpm-${PNPM_VERSION}`);
  const cli = join(dir, "package", "bin", "pnpm.cjs");
  if (!existsSync(cli)) {
    say(`fetching pnpm ${PNPM_VERSION} from the npm registry into .toolchain/`);
    rmSync(dir, { recursive: true, force: true });
    npmPackInto(`pnpm@${PNPM_VERSION}`, dir);
  }
  // A shim on PATH so that tools which spawn `pnpm` (Playwright's webServer, scripts) find ours.
  const binDir = join(TOOLS, "bin");
  mkdirSync(binDir, { recursive: true });
  const shim = join(binDir, "pnpm");
  const shimText = `#!/bin/sh\nexec "${node}" "${cli}" "$@"\n`;
  if (!existsSync(shim) || readFileSync(shim, "utf8") !== shimText) {
    writeFileSync(shim, shimText);
    chmodSync(shim, 0o755);
  }
  return cli;
}

/** A fingerprint of the files that decide whether install/build must run again. */
function fingerprint(paths) {
  const h = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
        walk(join(p, name));
      }
    } else {
      h.update(p);
      h.update(readFileSync(p));
    }
  };
  for (const p of paths) walk(join(ROOT, p));
  return h.digest("hex");
}

function stamped(name, fp, action) {
  const file = join(TOOLS, `${name}.stamp`);
  if (existsSync(file) && readFileSync(file, "utf8") === fp) return;
  action();
  writeFileSync(file, fp);
}

const node = ensureNode();
const pnpmCli = ensurePnpm(node);
const env = {
  ...process.env,
  PATH: [join(TOOLS, "bin"), dirname(node), join(ROOT, "node_modules", ".bin"), process.env.PATH].join(
    process.platform === "win32" ? ";" : ":",
  ),
  // isolated-vm requires this on Node >= 20; every process we start may load the sandbox.
  NODE_OPTIONS: [process.env.NODE_OPTIONS, "--no-node-snapshot"].filter(Boolean).join(" "),
};
const pnpm = (args) => run(node, [pnpmCli, ...args], { env });

function setup() {
  const pkgFiles = ["pnpm-lock.yaml", "package.json", "pnpm-workspace.yaml"].concat(
    ["web", "runtime", "shared", "db", "e2e"].map((p) => `${p}/package.json`),
  );
  stamped("install", fingerprint(pkgFiles) + node, () => {
    say("installing dependencies (pnpm install)");
    pnpm(["install", "--frozen-lockfile", "--prefer-offline"]);
  });
  stamped(
    "build",
    fingerprint(["web/src", "web/index.html", "web/vite.config.ts", "shared/src", "pnpm-lock.yaml"]),
    () => {
      say("building the web app (vite build)");
      pnpm(["--filter", "@benteng/web", "run", "build"]);
    },
  );
}

const [command, ...rest] = process.argv.slice(2);
setup();

/**
 * Runs the command in a child and stands in for it: SIGINT/SIGTERM to this process (what a terminal,
 * systemd or Docker sends to the PID they started) are passed on, a second one too (the child then
 * exits at once), and a child that outlives 10 s after the first is killed. With `ipc`, the child also
 * learns when this process dies some other way and stops, so it is never left running on its own.
 */
function exec(args, extraEnv = {}, { ipc = false } = {}) {
  const child = spawn(node, args, {
    stdio: ipc ? ["inherit", "inherit", "inherit", "ipc"] : "inherit",
    // Its own process group: a terminal's Ctrl-C reaches only this process, which passes it on once
    // (twice would mean "force").
    detached: ipc,
    cwd: ROOT,
    env: { ...env, ...extraEnv },
  });
  let killTimer;
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      killTimer ??= setTimeout(() => {
        say(`the child process did not stop within 10 s of ${sig}; killing it`);
        child.kill("SIGKILL");
      }, 10_000);
      killTimer.unref();
    });
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  if (ipc && process.env.npm_lifecycle_event) {
    // `npm start` answers SIGTERM by ending its shell and leaving us running; under npm, a parent
    // that went away counts as SIGTERM. Started directly (`nohup node .ci/bootstrap.mjs start &`,
    // a supervisor), the shell that launched us may exit and the server keeps running.
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(watch);
      process.kill(process.pid, "SIGTERM");
    }, 500);
    watch.unref();
  }
}

switch (command) {
  case "setup":
    say("setup complete");
    break;
  case "start":
    say(`pid ${process.pid}: SIGTERM or SIGINT to it stops the server`);
    exec(["web/server/main.ts", ...rest], { NODE_ENV: process.env.NODE_ENV ?? "production" }, { ipc: true });
    break;
  case "benteng":
    if (rest[0] === "runtime") say(`pid ${process.pid}: SIGTERM or SIGINT to it stops the runtime`);
    exec(["web/server/cli/main.ts", ...rest], {}, { ipc: rest[0] === "runtime" });
    break;
  case "bench":
    exec([`${rest[0]}`.includes("/") ? rest[0] : benchFile(rest[0]), ...rest.slice(1)]);
    break;
  case "test":
    exec([join(ROOT, ".ci", "test.mjs"), ...rest]);
    break;
  default:
    die(`unknown command "${command}"; use one of: setup, start, test, benteng, bench`);
}

function benchFile(name) {
  const files = {
    runtime: "runtime/bench/runtime.bench.ts",
    sandbox: "runtime/bench/sandbox.bench.ts",
    lint: "shared/bench/lint.bench.ts",
    editor: "e2e/bench/editor.bench.ts",
    hostile: "web/server/bench/hostile.bench.ts",
  };
  if (!files[name]) die(`unknown benchmark "${name}"; known: ${Object.keys(files).join(", ")}`);
  return files[name];
}
