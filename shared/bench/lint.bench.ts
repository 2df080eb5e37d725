// Lints a generated, realistic 500-block flow as the editor does, once per keystroke, and prints one
// JSON line: {"blocks":500,"p50_ms":…,"p99_ms":…,"cold_ms":…} (p50/p99 of a lint after one message
// changed; cold_ms the first lint of the process, every text judged from scratch).
// Run: node shared/bench/lint.bench.ts  (target: p50 ≤ 20 ms)
import type { Flow } from "../src/flow/flowSchema.ts";
import { lintFlow } from "../src/policy/lintFlow.ts";

// `shared` is type-checked without Node or DOM types (it also runs in browsers); these two are
// all the benchmark needs and exist in both.
declare const console: { log(text: string): void };
declare const performance: { now(): number };

const BLOCKS = 500;
const WARMUP = 20;
const RUNS = 200;

const paragraphs = [
  "Hi {{name}}! Thanks for shopping with Toko Benteng. Your order {{order}} is packed and will leave our warehouse today.",
  "Halo kak {{name}}, pesanan {{order}} sudah kami kirim lewat kurir. Cek status pengiriman di https://shop.example.com/track.",
  "Hola {{name}}, tu pedido {{order}} está en camino. Recuerda: nunca te pediremos tu clave ni tu NIP.",
  "Olá {{name}}! Seu pedido {{order}} foi enviado. Nunca informe sua senha ou código de segurança a ninguém.",
  "Hai {{name}}, pesanan anda {{order}} sedang dihantar. Kami tidak akan meminta kata laluan atau kod TAC anda.",
];

const products = [
  "batik shirts",
  "kopi luwak",
  "zapatillas",
  "açaí bowls",
  "kuih raya",
  "phone cases",
  "sarung",
];

/** One segment of a shop's support flow, ten blocks, every block type; the last block links onward. */
function segment(i: number, next: string | undefined): { nodes: Flow["nodes"]; edges: Flow["edges"] } {
  // "msg2" of segment 0 must not be "msg" of segment 20: a separator keeps ids apart.
  const id = (s: string) => `${s}-${i}`;
  // Every segment's texts differ (as in a real flow), so nothing is detected once for many blocks.
  const unique = ` Campaign ${i}: ${products[i % products.length]} batch ${i * 7 + 3}.`;
  const text = Array.from({ length: 6 }, (_, k) => paragraphs[(i + k) % paragraphs.length] + unique).join(
    "\n\n",
  );
  const nodes = [
    { id: id("msg"), type: "message", position: { x: 0, y: i * 100 }, data: { text } },
    {
      id: id("q"),
      type: "question",
      position: { x: 100, y: i * 100 },
      data: {
        prompt: `What is your order number? You can find it in the confirmation e-mail we sent you.${unique}`,
        variable: "order",
        input: { type: "pattern", pattern: "[A-Z]{2}-\\d{4,8}", description: "an order number like AB-1234" },
        repromptText: "Sorry, that doesn't look like an order number. It looks like AB-1234.",
        maxAttempts: 3,
      },
    },
    {
      id: id("btn"),
      type: "buttons",
      position: { x: 200, y: i * 100 },
      data: {
        header: "Order {{order}}",
        body: `${paragraphs[i % paragraphs.length]}${unique} What would you like to do next?`,
        footer: "We will never ask for your PIN, password or OTP.",
        buttons: [
          { id: "track", title: "Track parcel" },
          { id: "change", title: "Change address" },
          { id: "agent", title: "Talk to a person" },
        ],
        saveAs: "choice",
      },
    },
    {
      id: id("list"),
      type: "list",
      position: { x: 300, y: i * 100 },
      data: {
        body: `Which part of your order is the problem about?${unique}`,
        button: "Choose",
        sections: [
          {
            title: "Delivery",
            rows: [
              { id: "late", title: "It's late", description: "The parcel hasn't arrived yet" },
              { id: "damaged", title: "It's damaged", description: "Something arrived broken" },
            ],
          },
          {
            title: "Payment",
            rows: [{ id: "refund", title: "Refund", description: "Money back to your account" }],
          },
        ],
        saveAs: "problem",
      },
    },
    {
      id: id("cond"),
      type: "condition",
      position: { x: 400, y: i * 100 },
      data: {
        branches: [
          {
            id: "refund",
            label: "",
            combinator: "and",
            rules: [{ variable: "problem", operator: "equals", value: "Refund" }],
          },
        ],
      },
    },
    {
      id: id("set"),
      type: "setVariable",
      position: { x: 500, y: i * 100 },
      data: { variable: "summary", value: "{{name}} asked about {{order}}: {{problem}}" },
    },
    {
      id: id("js"),
      type: "script",
      position: { x: 600, y: i * 100 },
      data: {
        code: [
          "// Looks up the parcel and returns a friendly status line.",
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the string is the script's JavaScript source
          "const res = await fetch(`https://api.example.com/parcels/${input.order}`);",
          "const body = await res.json();",
          'const status = body.delivered ? "delivered" : "on its way";',
          'return { line: "Your parcel is " + status + ". Questions? Reply HELP." };',
        ].join("\n"),
        inputMapping: [{ field: "order", variable: "order" }],
        outputMapping: [{ field: "line", variable: "status" }],
      },
    },
    {
      id: id("msg2"),
      type: "message",
      position: { x: 700, y: i * 100 },
      data: { text: `{{status}} Reply MENU to start again.${unique} Nunca compartas tu clave con nadie.` },
    },
    {
      id: id("ho"),
      type: "handoff",
      position: { x: 800, y: i * 100 },
      data: { message: "Connecting you to a person. Please wait a moment.", team: "Support" },
    },
    { id: id("end"), type: "end", position: { x: 900, y: i * 100 }, data: {} },
  ] as unknown as Flow["nodes"];
  const edge = (source: string, handle: string, target: string) => ({
    id: `${id(source)}-${handle}`,
    source: id(source),
    sourceHandle: handle,
    target,
  });
  const edges = [
    edge("msg", "next", id("q")),
    edge("q", "next", id("btn")),
    edge("q", "giveUp", id("ho")),
    edge("btn", "track", id("js")),
    edge("btn", "change", id("list")),
    edge("btn", "agent", id("ho")),
    edge("list", "late", id("cond")),
    edge("list", "damaged", id("cond")),
    edge("list", "refund", id("cond")),
    edge("cond", "refund", id("set")),
    edge("cond", "else", id("js")),
    edge("set", "next", id("ho")),
    edge("js", "success", id("msg2")),
    edge("js", "error", id("ho")),
    edge("msg2", "next", next ?? id("end")),
  ];
  return { nodes, edges };
}

function generateFlow(blocks: number): Flow {
  const segments = Math.floor((blocks - 1) / 10);
  const flow: Flow = {
    version: 1,
    nodes: [
      {
        id: "start",
        type: "start",
        position: { x: 0, y: -100 },
        data: { keywords: ["hi", "halo", "hola", "olá"] },
      },
    ],
    edges: [{ id: "start-next", source: "start", sourceHandle: "next", target: "msg-0" }],
    variables: [{ name: "name", type: "text" }],
    settings: { safetyNotice: true },
  };
  for (let i = 0; i < segments; i++) {
    const { nodes, edges } = segment(i, i + 1 < segments ? `msg-${i + 1}` : undefined);
    flow.nodes.push(...nodes);
    flow.edges.push(...edges);
  }
  // Top up to exactly `blocks` with closing messages in a chain of their own (one connection per
  // output: a second one from the same output is an error; a chain nobody reaches is a warning).
  let from: string | null = null;
  for (let k = flow.nodes.length; k < blocks; k++) {
    flow.nodes.push({
      id: `extra${k}`,
      type: "message",
      position: { x: 0, y: 0 },
      data: { text: `Still here to help ({{name}}), step ${k}.` },
    });
    if (from)
      flow.edges.push({ id: `extra-edge${k}`, source: from, sourceHandle: "next", target: `extra${k}` });
    from = `extra${k}`;
  }
  return flow;
}

const flow = generateFlow(BLOCKS);
// The first lint of a process judges every text from scratch: what opening a flow costs.
const coldStart = performance.now();
const findings = lintFlow(flow);
const coldMs = performance.now() - coldStart;
const errors = findings.filter((f) => f.severity === "error");
if (errors.length > 0)
  throw new Error(`the benchmark flow should lint clean, got: ${JSON.stringify(errors[0])}`);

// Each later lint follows a keystroke, as in the editor: one message's text changed since the last
// lint (a different message each time), everything else as it was.
const messages = flow.nodes.filter((n) => n.type === "message") as Array<{ data: { text: string } }>;
let keystroke = 0;
function type(): void {
  const message = messages[keystroke % messages.length]!;
  message.data.text = `${message.data.text}${keystroke % 2 === 0 ? " " : "!"}`;
  keystroke++;
}
for (let i = 0; i < WARMUP; i++) {
  type();
  lintFlow(flow);
}
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  type();
  const t0 = performance.now();
  lintFlow(flow);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const pct = (p: number) =>
  Number(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2));
console.log(
  JSON.stringify({
    blocks: flow.nodes.length,
    p50_ms: pct(50),
    p99_ms: pct(99),
    cold_ms: Number(coldMs.toFixed(2)),
  }),
);
