/**
 * Regular morphology written once, so a language file lists stems and gets every inflected form a
 * writer may use ("hantar" → "menghantar", "hantarkan", "hantarkanlah"; "b3at" → "teb3atli",
 * "b3atlna"). The results are plain space-separated words, the same data any language file holds:
 * the detector never sees the rules, only the forms. Sizes are bounded by stems × affixes.
 */

/** Every prefix + stem + suffix, space separated ("" in a list stands for no affix). */
export function inflect(stems: string, prefixes: string, suffixes: string): string {
  const ps = affixList(prefixes);
  const ss = affixList(suffixes);
  const out = new Set<string>();
  for (const stem of stems.split(/\s+/)) {
    if (stem === "") continue;
    for (const p of ps) for (const s of ss) out.add(p + stem + s);
  }
  return [...out].join(" ");
}

/** "- li lna": "-" stands for the empty affix. */
function affixList(list: string): string[] {
  return list
    .split(/\s+/)
    .filter((a) => a !== "")
    .map((a) => (a === "-" ? "" : a));
}

/**
 * Malay and Indonesian meN- with its nasal: "kirim" → "mengirim", "hantar" → "menghantar",
 * "tulis" → "menulis", "sampai" → "menyampai", "beri" → "memberi", "perlu" → "memerlukan".
 */
export function meN(stem: string): string {
  const first = stem[0] ?? "";
  if ("aeiough".includes(first)) return `meng${stem}`;
  if (first === "k") return `meng${stem.slice(1)}`;
  if (first === "p") return `mem${stem.slice(1)}`;
  if (first === "t") return `men${stem.slice(1)}`;
  if (first === "s") return `meny${stem.slice(1)}`;
  if ("bfv".includes(first)) return `mem${stem}`;
  if ("cdjz".includes(first)) return `men${stem}`;
  return `me${stem}`;
}

/**
 * Active forms of Malay/Indonesian verb stems: the bare imperative and with -kan/-i, -lah,
 * "-kanlah", the meN- active with and without -kan/-i. Passive di- forms are left out: "kod yang
 * dihantar" tells where a code came from and is listed as such by the language files. Without
 * `bare`, the stem alone is left out: Malay "masuk" (a code "comes in"), "bagi" ("for").
 */
export function malayicActive(stems: string, bare = true): string {
  const out = new Set<string>();
  for (const stem of stems.split(/\s+/)) {
    if (stem === "") continue;
    // "-nya" only after meN-: on a bare stem it is a noun's "its" ("isinya", its content).
    for (const s of ["", "kan", "i", "lah", "kanlah", "kannya"]) if (bare || s !== "") out.add(stem + s);
    for (const s of ["", "kan", "i", "kannya", "nya"]) out.add(meN(stem) + s);
  }
  return [...out].join(" ");
}

/** Polite passives of the same stems, which ask after "mohon", "sila", "harap": "mohon dihantarkan". */
export function malayicPassive(stems: string): string {
  return inflect(stems, "di", "- kan i");
}

/**
 * Tagalog verb forms of a stem, borrowed English stems included ("send", "type"): the imperative
 * prefixes (i-, ipa-, paki-, pakii-, mag-), the actor infix -um- ("sagot" → "sumagot ka") and the
 * object suffixes -in/-an/-hin/-han ("sagutin" is listed as written: its vowel changes). The
 * completed, progressive and contemplated forms ("ibinigay", "pinadala", "binabasa", "isesend
 * namin") tell what happened or will happen and are left out: "ang code na pinadala namin"
 * describes a code, it does not ask for one.
 * @example tagalogVerb("bigay") includes "ibigay", "bumigay", "pakibigay", "bigayan"
 */
export function tagalogVerb(stems: string): string {
  const out = new Set<string>();
  for (const stem of stems.split(/\s+/)) {
    if (stem === "") continue;
    const vowelFirst = /^[aeiou]/.test(stem);
    const head = vowelFirst ? "" : (stem[0] as string);
    const rest = vowelFirst ? stem : stem.slice(1);
    const um = `${head}um${rest}`;
    for (const f of [
      stem,
      `i${stem}`,
      `ipa${stem}`,
      `paki${stem}`,
      `pakii${stem}`,
      `mag${stem}`,
      `pa${stem}`,
      um,
      `${stem}in`,
      `${stem}an`,
      `${stem}hin`,
      `${stem}han`,
    ])
      out.add(f);
  }
  return [...out].join(" ");
}
