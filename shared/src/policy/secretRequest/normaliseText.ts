/**
 * A text folded for matching, with a map back to the original so findings can point at the exact
 * characters the marketer wrote.
 */
export interface NormalisedText {
  /** Lowercase, accent-free, look-alike-folded text; emoji and other symbols become spaces. */
  text: string;
  /** For each UTF-16 unit of `text`, where its source character starts in the original. */
  start: number[];
  /** For each UTF-16 unit of `text`, where its source character ends in the original. */
  end: number[];
  /** Ranges of `text` (start inclusive, end exclusive) joined from letters spelled out one by one. */
  joinedRuns: Array<[number, number]>;
}

/**
 * Folds a text so that tricks meant to slip past a filter read like the plain word: NFKC (fullwidth,
 * mathematical letters such as "ℙ𝕀ℕ"), invisible characters removed, Cyrillic/Greek look-alikes mapped
 * to Latin, accents dropped ("contraseña" → "contrasena"), emoji turned into separators, and words
 * spelled out letter by letter ("p.i.n", "P I N") joined. l33t digits are left to the term patterns
 * and the tokeniser, because folding them here would also rewrite ordinary numbers.
 * Pass `withMap = false` when only the folded text is needed.
 * @example normaliseText("Ｐ\u200bІ Ν").text === "pi n"
 */
export function normaliseText(original: string, withMap = true): NormalisedText {
  let text = "";
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const folded = cp < 0x80 ? asciiFold(cp) : foldCodePoint(cp);
    // Most texts name no secret at all; the detector first folds them without the map (less garbage).
    if (withMap) {
      for (let k = 0; k < folded.length; k++) {
        start.push(i);
        end.push(i + width);
      }
    }
    text += folded;
    i += width;
  }
  return joinSpelledOut({ text, start, end, joinedRuns: [] }, withMap);
}

// One letter, digit or l33t symbol standing alone between separators, as in "p.i.n" or "P I N".
const SPELLED_OUT =
  /(?<![\p{L}\p{N}@$!|])[\p{L}\p{N}@$!|](?:[^\p{L}\p{N}@$!|\n]{1,3}[\p{L}\p{N}@$!|](?![\p{L}\p{N}]))+/gu;

/**
 * Removes the separators of words spelled out letter by letter ("p.i.n", "s e n d", "p🔒i🔒n" once emoji
 * became spaces), so later stages read one word. Runs of three or more single characters only: "a b"
 * stays as it is.
 */
function joinSpelledOut(n: NormalisedText, withMap: boolean): NormalisedText {
  SPELLED_OUT.lastIndex = 0;
  let m = SPELLED_OUT.exec(n.text);
  if (!m) return n;
  let text = "";
  const start: number[] = [];
  const end: number[] = [];
  let copied = 0;
  const copy = (from: number, to: number) => {
    text += n.text.slice(from, to);
    if (!withMap) return;
    for (let k = from; k < to; k++) {
      start.push(n.start[k] as number);
      end.push(n.end[k] as number);
    }
  };
  const joinedRuns: Array<[number, number]> = [];
  for (; m; m = SPELLED_OUT.exec(n.text)) {
    // "p.i.n c.o.d.e", "ر.ق.م ا.ل.س.ر.ي": letters joined by dots and words parted by spaces are
    // words of their own. A run whose letters are parted by spaces alone ("P I N") stays one.
    for (const [from, to] of wordsOfRun(m[0], m.index)) {
      const letters = n.text.slice(from, to).replace(/[^\p{L}\p{N}@$!|]/gu, "");
      if (letters.length < 3) continue;
      copy(copied, from);
      joinedRuns.push([text.length, text.length + letters.length]);
      for (let k = from; k < to; k++) {
        if (/[^\p{L}\p{N}@$!|]/u.test(n.text[k] as string)) continue;
        text += n.text[k];
        if (!withMap) continue;
        start.push(n.start[k] as number);
        end.push(n.end[k] as number);
      }
      copied = to;
    }
  }
  copy(copied, n.text.length);
  return { text, start, end, joinedRuns };
}

/**
 * The spelled-out words of a run, as [from, to) offsets: the whole run, or, when some letters are
 * joined by other marks than spaces, the pieces between the spaces, or, with spaces alone, the
 * pieces between the gaps wider than the narrowest. Linear in the run.
 */
function wordsOfRun(run: string, at: number): Array<[number, number]> {
  const separators = run.match(/[^\p{L}\p{N}@$!|]+/gu) ?? [];
  const mixed = separators.some((x) => /\s/.test(x)) && separators.some((x) => !/\s/.test(x));
  // "C O D E   C O N F I D E N T I E L": with spaces alone, the wider gaps part the words.
  const narrowest = separators.reduce((n, x) => Math.min(n, x.length), Number.POSITIVE_INFINITY);
  const wider = !mixed && separators.some((x) => x.length > narrowest);
  if (!mixed && !wider) return [[at, at + run.length]];
  const parts = (gap: string) => (mixed ? /\s/.test(gap) : gap.length > narrowest);
  const out: Array<[number, number]> = [];
  let from = 0;
  for (const gap of run.matchAll(/[^\p{L}\p{N}@$!|]+/gu)) {
    if (!parts(gap[0])) continue;
    out.push([at + from, at + (gap.index as number)]);
    from = (gap.index as number) + gap[0].length;
  }
  out.push([at + from, at + run.length]);
  return out;
}

function asciiFold(cp: number): string {
  // Control characters other than line breaks and tabs are invisible tricks too.
  if (cp < 0x20 && cp !== 0x0a && cp !== 0x09 && cp !== 0x0d) return "";
  if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32);
  return String.fromCharCode(cp);
}

const cache = new Map<number, string>();

function foldCodePoint(cp: number): string {
  let folded = cache.get(cp);
  if (folded === undefined) {
    folded = computeFold(cp);
    if (cache.size < 20_000) cache.set(cp, folded);
  }
  return folded;
}

// Characters that render as nothing (zero-width, joiners, direction marks, variation selectors, tags).
const INVISIBLE_RANGES: Array<[number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  // Arabic tatweel stretches a word ("كـلـمـة") without changing it.
  [0x0640, 0x0640],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe0fff],
];

function isInvisible(cp: number): boolean {
  return INVISIBLE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
}
const SYMBOL = /^[\p{So}\p{Sk}\p{Sm}\p{Co}\p{Cn}\p{Extended_Pictographic}]$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
/** What an emoji folds to: no letter, so words and spelled-out letters around it read as before. */
export const EMOJI_BREAK = "\u2e31";
const COMBINING = /\p{M}/gu;
const SPACE = /^\p{Zs}$/u;
const DASH = /^\p{Pd}$/u;

/** Look-alike letters that NFKC leaves alone, keyed by the exact (cased) character. */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic capitals and small letters that render like Latin ones.
  А: "a",
  В: "b",
  Е: "e",
  К: "k",
  М: "m",
  Н: "h",
  О: "o",
  Р: "p",
  С: "c",
  Т: "t",
  Х: "x",
  У: "y",
  І: "i",
  Ј: "j",
  Ѕ: "s",
  Ԁ: "d",
  Ү: "y",
  Ԛ: "q",
  Ԝ: "w",
  Һ: "h",
  Ӏ: "l",
  П: "n",
  И: "n",
  Л: "l",
  а: "a",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  х: "x",
  у: "y",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ү: "y",
  ԛ: "q",
  ԝ: "w",
  һ: "h",
  ӏ: "l",
  п: "n",
  и: "u",
  л: "n",
  ё: "e",
  ї: "i",
  ɡ: "g",
  // Greek: capitals follow their shape, small nu looks like v and small eta like n.
  Α: "a",
  Β: "b",
  Ε: "e",
  Ζ: "z",
  Η: "h",
  Ι: "i",
  Κ: "k",
  Μ: "m",
  Ν: "n",
  Ο: "o",
  Ρ: "p",
  Τ: "t",
  Υ: "y",
  Χ: "x",
  Ϲ: "c",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ϲ: "c",
  ί: "i",
  ό: "o",
  ά: "a",
  έ: "e",
  // Latin small capitals and other stand-ins.
  ı: "i",
  ɪ: "i",
  ɴ: "n",
  ᴘ: "p",
  ᴏ: "o",
  ᴛ: "t",
  ᴄ: "c",
  ᴠ: "v",
  ᴀ: "a",
  ᴅ: "d",
  ᴇ: "e",
  ʀ: "r",
  ꜱ: "s",
  ᴡ: "w",
  ᴋ: "k",
  ʟ: "l",
  ᴍ: "m",
  ʜ: "h",
  ɢ: "g",
  ᴜ: "u",
  ʏ: "y",
  ß: "ss",
  ø: "o",
  Ø: "o",
  đ: "d",
  Đ: "d",
  ł: "l",
  Ł: "l",
  "\u2019": "'",
  "\u2018": "'",
  "\u00b4": "'",
  // Arabic letters written two ways (alef maqsura and ya, ta marbuta and ha, Persian keheh and ya):
  // one spelling each. Alef with hamza or madda already folds to alef with the other marks.
  ى: "ي",
  ة: "ه",
  ک: "ك",
  // Arabic question mark, comma and semicolon punctuate like their Latin counterparts.
  "؟": "?",
  "،": ",",
  "؛": ";",
  ی: "ي",
  "\u201c": '"',
  "\u201d": '"',
  "\u00a1": " ",
  "\u00bf": " ",
};

function computeFold(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (isInvisible(cp)) return "";
  // Arabic-Indic and Persian digits read as the digits they are ("٧٧٤١٢٠" is a code given out).
  if (cp >= 0x0660 && cp <= 0x0669) return String(cp - 0x0660);
  if (cp >= 0x06f0 && cp <= 0x06f9) return String(cp - 0x06f0);
  const direct = LOOK_ALIKES[ch];
  if (direct !== undefined) return direct;
  let out = "";
  for (const part of ch.normalize("NFKC")) {
    const lookAlike = LOOK_ALIKES[part];
    if (lookAlike !== undefined) {
      out += lookAlike;
      continue;
    }
    if (SPACE.test(part)) {
      out += " ";
      continue;
    }
    if (DASH.test(part)) {
      out += "-";
      continue;
    }
    // An emoji between words punctuates like a comma ("ini bukan scam 😊 cukup kirim kodenya"):
    // EMOJI_BREAK keeps that for the clause splitter; other symbols are plain separators.
    if (PICTOGRAPH.test(part)) {
      out += EMOJI_BREAK;
      continue;
    }
    if (SYMBOL.test(part)) {
      out += " ";
      continue;
    }
    const lower = part.toLowerCase().normalize("NFD").replace(COMBINING, "");
    out += LOOK_ALIKES[lower] ?? lower;
  }
  return out;
}
