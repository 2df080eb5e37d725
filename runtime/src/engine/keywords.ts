import { trimEndWhere } from "@benteng/shared";
import { z } from "zod";

export const keywordActionSchema = z.enum(["stop", "help", "restart"]);
export type KeywordAction = z.infer<typeof keywordActionSchema>;

/** Words that always work, whatever block the conversation waits at, each with the reply in its language. */
export const keywordConfigSchema = z.object({
  words: z
    .array(
      z.object({ word: z.string().min(1).max(40), action: keywordActionSchema, reply: z.string().max(1024) }),
    )
    .max(100),
});
export type KeywordConfig = z.infer<typeof keywordConfigSchema>;

const en = {
  stop: "You won't get more messages from this bot. Send any message to start again.",
  help: "Answer the last question to continue. Send RESTART to start over or STOP to end.",
  restart: "",
};
const id = {
  stop: "Anda tidak akan menerima pesan lagi dari bot ini. Kirim pesan apa saja untuk mulai lagi.",
  help: "Jawab pertanyaan terakhir untuk melanjutkan. Kirim MULAI untuk mengulang atau BERHENTI untuk selesai.",
  restart: "",
};
const es = {
  stop: "No recibirás más mensajes de este bot. Envía cualquier mensaje para empezar de nuevo.",
  help: "Responde la última pregunta para continuar. Envía REINICIAR para empezar de nuevo o PARAR para terminar.",
  restart: "",
};
const pt = {
  stop: "Você não receberá mais mensagens deste bot. Envie qualquer mensagem para começar de novo.",
  help: "Responda à última pergunta para continuar. Envie REINICIAR para recomeçar ou PARAR para encerrar.",
  restart: "",
};

/** English, Indonesian/Malay, Spanish and Portuguese; an operator may replace the whole set. */
export const DEFAULT_KEYWORDS: KeywordConfig = {
  words: [
    { word: "stop", action: "stop", reply: en.stop },
    { word: "unsubscribe", action: "stop", reply: en.stop },
    { word: "help", action: "help", reply: en.help },
    { word: "restart", action: "restart", reply: en.restart },
    { word: "berhenti", action: "stop", reply: id.stop },
    { word: "bantuan", action: "help", reply: id.help },
    { word: "tolong", action: "help", reply: id.help },
    { word: "mulai", action: "restart", reply: id.restart },
    { word: "ulang", action: "restart", reply: id.restart },
    { word: "parar", action: "stop", reply: es.stop },
    { word: "ayuda", action: "help", reply: es.help },
    { word: "reiniciar", action: "restart", reply: es.restart },
    { word: "pare", action: "stop", reply: pt.stop },
    { word: "ajuda", action: "help", reply: pt.help },
    { word: "recomeçar", action: "restart", reply: pt.restart },
  ],
};

/**
 * The keyword a whole message is, if any. Only the entire message counts (after trimming, case and
 * trailing punctuation), so "stop sending me the wrong size" is an answer, not an opt-out.
 */
export function matchKeyword(
  text: string,
  config: KeywordConfig,
): KeywordConfig["words"][number] | undefined {
  // Checked before anything looks at the text: a keyword is at most 40 characters, so a longer
  // message (up to 64 Ki from a webhook) is an answer, whatever it ends with.
  if (text.length > MAX_KEYWORD_MESSAGE) return undefined;
  const normalized = normalizeWord(text);
  if (!normalized || normalized.length > 40) return undefined;
  return keywordIndex(config).get(normalized);
}

/** Room for a 40-character keyword with spaces and punctuation around it ("  STOP!!! "). */
const MAX_KEYWORD_MESSAGE = 200;

// A configuration is fixed once made: its words are normalised once, not on every message.
const indexes = new WeakMap<KeywordConfig, Map<string, KeywordConfig["words"][number]>>();
function keywordIndex(config: KeywordConfig): Map<string, KeywordConfig["words"][number]> {
  let index = indexes.get(config);
  if (!index) {
    index = new Map();
    for (const w of config.words) {
      const key = normalizeWord(w.word);
      if (!index.has(key)) index.set(key, w);
    }
    indexes.set(config, index);
  }
  return index;
}

/** Lowercased, NFC, without surrounding spaces, trailing `.!?¡¿` or leading `¡¿`: "¡Ayuda!" → "ayuda". */
export function normalizeWord(text: string): string {
  // Not `/[\s.!?¡¿]+$/`: that backtracked quadratically on "a" + 65,534 dots + "x" (12.6 s).
  const word = trimEndWhere(text.normalize("NFC").trim().toLocaleLowerCase(), isTrailing);
  let start = 0;
  while (start < word.length && LEADING.has(word[start] as string)) start++;
  return word.slice(start);
}

const TRAILING = new Set([".", "!", "?", "¡", "¿"]);
const SPACE = /\s/u;
const isTrailing = (ch: string) => TRAILING.has(ch) || SPACE.test(ch);
const LEADING = new Set(["¡", "¿"]);
