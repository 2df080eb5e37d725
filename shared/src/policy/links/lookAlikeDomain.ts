import { normaliseText } from "../secretRequest/normaliseText.ts";

/**
 * Brands scammers imitate in our markets, with the registrable domains that really are theirs.
 * A host is only compared against this list; it does not need to be complete to be useful.
 */
const BRANDS: Record<string, string[]> = {
  whatsapp: ["whatsapp.com", "whatsapp.net", "wa.me"],
  facebook: ["facebook.com", "fb.com", "fb.me"],
  instagram: ["instagram.com"],
  google: [
    "google.com",
    "google.co.id",
    "google.com.my",
    "google.es",
    "google.com.br",
    "google.com.mx",
    "google.pt",
  ],
  apple: ["apple.com", "icloud.com"],
  microsoft: ["microsoft.com", "live.com", "outlook.com"],
  amazon: ["amazon.com", "amazon.es", "amazon.com.br", "amazon.com.mx"],
  netflix: ["netflix.com"],
  paypal: ["paypal.com", "paypal.me"],
  // Indonesia
  klikbca: ["klikbca.com"],
  bca: ["bca.co.id", "klikbca.com"],
  bankmandiri: ["bankmandiri.co.id"],
  mandiri: ["bankmandiri.co.id"],
  bri: ["bri.co.id"],
  bni: ["bni.co.id"],
  btn: ["btn.co.id"],
  cimbniaga: ["cimbniaga.co.id"],
  danamon: ["danamon.co.id"],
  permata: ["permatabank.com"],
  jenius: ["jenius.com"],
  gojek: ["gojek.com"],
  tokopedia: ["tokopedia.com"],
  shopee: ["shopee.co.id", "shopee.com.my", "shopee.com.br", "shopee.com.mx", "shopee.sg"],
  lazada: ["lazada.co.id", "lazada.com.my", "lazada.sg"],
  // Malaysia and Singapore
  maybank: ["maybank.com", "maybank2u.com.my", "maybank.com.my"],
  maybank2u: ["maybank2u.com.my"],
  cimb: ["cimb.com", "cimbclicks.com.my", "cimb.com.my"],
  publicbank: ["pbebank.com", "publicbank.com.my"],
  hongleong: ["hlb.com.my"],
  rhb: ["rhbgroup.com"],
  ambank: ["ambank.com.my"],
  bankislam: ["bankislam.com"],
  touchngo: ["touchngo.com.my"],
  grab: ["grab.com"],
  dbs: ["dbs.com", "dbs.com.sg"],
  ocbc: ["ocbc.com"],
  uob: ["uob.com.sg", "uob.com.my", "uob.co.id"],
  hsbc: ["hsbc.com", "hsbc.com.my", "hsbc.co.id"],
  citibank: ["citibank.com", "citi.com"],
  // Spanish- and Portuguese-speaking markets
  santander: ["santander.com", "santander.es", "santander.com.br", "santander.com.mx"],
  bbva: ["bbva.com", "bbva.es", "bbva.mx"],
  caixabank: ["caixabank.es", "caixabank.com"],
  bancolombia: ["bancolombia.com"],
  banorte: ["banorte.com"],
  citibanamex: ["banamex.com", "citibanamex.com"],
  mercadopago: ["mercadopago.com", "mercadopago.com.br", "mercadopago.com.mx"],
  mercadolibre: ["mercadolibre.com", "mercadolibre.com.mx"],
  itau: ["itau.com.br"],
  bradesco: ["bradesco.com.br"],
  nubank: ["nubank.com.br", "nu.com.mx"],
  caixa: ["caixa.gov.br"],
  bancodobrasil: ["bb.com.br"],
  millennium: ["millenniumbcp.pt"],
  picpay: ["picpay.com"],
};

// Second-level labels under which a country issues names ("bank.co.id", "shop.com.my").
const SECOND_LEVEL = new Set([
  "co",
  "com",
  "net",
  "org",
  "gov",
  "go",
  "ac",
  "or",
  "web",
  "edu",
  "gob",
  "my",
  "biz",
  "sch",
  "mil",
]);

/** The part of a host its owner registered: "login.bca.co.id" → "bca.co.id". */
export function registrableDomain(host: string): string {
  const labels = host.split(".");
  if (labels.length <= 2) return host;
  const tld = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  const take = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-take).join(".");
}

/**
 * The brand a host imitates, if it looks like one without being one of its domains: look-alike
 * letters ("раураl.com" in Cyrillic, "paypa1.com"), a near-miss spelling ("maybnk2u.com"), or the
 * brand name dressed up in someone else's domain ("bca-promo.com", "paypal.com.secure-login.top").
 * @example lookAlikeDomain("klikbca-hadiah.com") === "klikbca"
 */
export function lookAlikeDomain(host: string): string | undefined {
  // Flows repeat the same few hosts, and the editor re-lints on every keystroke.
  if (verdicts.has(host)) return verdicts.get(host);
  const verdict = judge(host);
  if (verdicts.size > 5_000) verdicts.clear();
  verdicts.set(host, verdict);
  return verdict;
}

const verdicts = new Map<string, string | undefined>();

function judge(host: string): string | undefined {
  const registrable = registrableDomain(host);
  const official = (brand: string) =>
    BRANDS[brand]!.some((d) => registrable === d || registrableDomain(d) === registrable);
  // Look-alike letters and digits folded to the letters they imitate.
  const folded = normaliseText(host)
    .text.replace(/0/g, "o")
    .replace(/[1|]/g, "l")
    .replace(/3/g, "e")
    .replace(/5/g, "s")
    .replace(/rn/g, "m")
    .replace(/vv/g, "w");
  const hasDisguise = folded !== host || /(^|\.)xn--/.test(host);
  const foldedRegistrable = registrableDomain(folded);
  const label = foldedRegistrable.split(".")[0]!;
  const words = folded.split(/[.-]/);
  for (const brand of Object.keys(BRANDS)) {
    if (official(brand)) return undefined;
  }
  for (const brand of Object.keys(BRANDS)) {
    // Disguised letters that spell a brand's own domain, or the brand name inside another domain.
    if (hasDisguise && BRANDS[brand]!.includes(foldedRegistrable)) return brand;
    if (
      words.includes(brand) ||
      (brand.length >= 5 && words.some((w) => w.startsWith(brand) || w.endsWith(brand)))
    )
      return brand;
    if (brand.length >= 5 && label.length >= 4 && editDistance(label, brand) <= (brand.length >= 8 ? 2 : 1))
      return brand;
    if (brand.length >= 5 && words.some((w) => w.length >= 4 && editDistance(w, brand) === 1)) return brand;
  }
  return undefined;
}

/** Optimal string alignment distance (Levenshtein plus swapping two neighbours), for short labels. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
