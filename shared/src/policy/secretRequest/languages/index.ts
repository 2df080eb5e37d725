import { arabic } from "./ar.ts";
import { english } from "./en.ts";
import { spanish } from "./es.ts";
import { french } from "./fr.ts";
import { hinglish } from "./hi.ts";
import { indonesian } from "./id.ts";
import { languageDataSchema, type ParsedLanguageData } from "./languageData.ts";
import { malay } from "./ms.ts";
import { portuguese } from "./pt.ts";
import { tagalog } from "./tl.ts";

/** Every language the detector reads. A text may mix them (Taglish, Hinglish), so all apply at once. */
export const LANGUAGES: readonly ParsedLanguageData[] = [
  english,
  indonesian,
  malay,
  spanish,
  portuguese,
  french,
  arabic,
  hinglish,
  tagalog,
].map((l) => languageDataSchema.parse(l));

export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code);
