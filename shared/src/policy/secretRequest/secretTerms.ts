import type { SecretKind } from "./secretKind.ts";

/** One way of naming a secret, written in normalised form (lowercase, no accents). */
export interface SecretTerm {
  kind: SecretKind;
  /**
   * Words of the term. Letters are matched loosely (l33t digits, separators between letters such as
   * "p.i.n" or "p🔒i🔒n"); a space means the words may be joined, spaced or hyphenated.
   * A leading "~" marks a raw regular expression used as is (for descriptions like "3 digits on the back").
   */
  words: string[];
  /**
   * The term is a homonym right after one of these words or phrases ("|"-separated, normalised):
   * "tic" tac, "power" token, "gift" card. Only spaces or hyphens may stand between, and the words of
   * `skipBefore` ("de", "your"): "resultados de su TAC".
   */
  notAfterWords?: string;
  skipBefore?: string;
  /** A homonym right before one of these words or phrases: TAC "listrik", card "ending" 1234. */
  notBeforeWords?: string;
  /** Words that may stand between the term and a `notBeforeWords` phrase. */
  skipAfter?: string;
  /** What word lists cannot say, as a small regular expression tested on the text just before (with $). */
  notAfter?: RegExp;
  /** The same for the text just after (with ^). */
  notBefore?: RegExp;
  /** A homonym when the sentence, up to the term, holds this (the 40 characters before it at most). */
  notEarlierInSentence?: RegExp;
  /** A homonym whenever its sentence talks about this, e.g. delivery for Indian postal "PIN code". */
  notInSentenceWith?: RegExp;
}

// "password ng wifi", "wifi ka password", "باسورد الواي فاي": a network's password, in any word order.
const WIFI_CONTEXT =
  /(?:^|[^\p{L}\p{N}])(?:wifi|wi-fi|wi fi|hotspot|router|الواي|واي|وايفاي)(?=$|[^\p{L}\p{N}])/u;

// "pin aja di maps", "share lokasi, pin it": pinning a place; "add my BBM pin": a BlackBerry contact.
const MAP_CONTEXT =
  /\b(?:maps?|lokasi|location|ubicacion|localizacao|lokasyon|mapa|peta|gps|bbm|blackberry)\b/;

const POSTAL_CONTEXT =
  /\b(deliver\w*|shipping|ship|courier|postal|post|address|area|city|serviceab\w*|pincode|zip|pengiriman|alamat|ongkir|kirim ke|envio|entrega|direccion|endereco|cep)\b/;

/**
 * The vocabulary of secrets in English, Indonesian, Malay, Spanish and Portuguese. Kept as data so a
 * reviewer can read what is caught; the matching machinery lives in findSecretTerms.ts.
 */
export const SECRET_TERMS: SecretTerm[] = [
  {
    // A wallet's seed phrase by its length: "the 12 words", "las 24 palabras", "12 perkataan". A
    // length limit ("at least 12 words", "en 24 palabras") counts words of a text instead.
    kind: "recovery-phrase",
    words: [
      "12 words",
      "24 words",
      "twelve words",
      "12 palabras",
      "24 palabras",
      "doce palabras",
      "12 palavras",
      "24 palavras",
      "doze palavras",
      "12 mots",
      "24 mots",
      "douze mots",
      "12 kata",
      "24 kata",
      "dua belas kata",
      "12 perkataan",
      "24 perkataan",
      "12 patah perkataan",
      "12 salita",
      "24 salita",
      "labindalawang salita",
      "12 shabd",
    ],
    notAfterWords:
      "least|most|than|max|maximum|min|minimum|under|over|within|in|of|about|around|limit|menos|mas|maximo|minimo|en|de|com|em|ate|moins|plus|dalam|maksimal|minimal|sekitar|hingga|paling|sa|hanggang|mga",
  },
  // One-time codes first: "one time password" must win over "password".
  {
    kind: "otp",
    words: [
      "otp",
      "one time password",
      "one time pin",
      "one time passcode",
      "one time code",
      "onetime password",
      "tac",
      "kod tac",
      "nombor tac",
      "verification code",
      "verification pin",
      "authentication code",
      "auth code",
      "2fa code",
      "sms code",
      "login code",
      "sign in code",
      "access token",
      "activation code",
      "kode verifikasi",
      "kode otentikasi",
      "kode autentikasi",
      "kode aktivasi",
      "kode sms",
      "kode token",
      "respon token",
      "response token",
      "appli 2",
      "kod pengesahan",
      "kod sms",
      "kod keselamatan sms",
      "kod pengaktifan",
      "codigo de verificacion",
      "codigo de autenticacion",
      "codigo de activacion",
      "codigo sms",
      "codigo por sms",
      "codigo de un solo uso",
      "clave dinamica",
      "token de seguridad",
      "codigo token",
      "codigo de verificacao",
      "codigo de autenticacao",
      "codigo de ativacao",
      "codigo de acesso unico",
      "senha temporaria",
      "codigo temporal",
      "codigo temporario",
      "token",
    ],
    // "tic tac", "token listrik" (a prepaid electricity code the customer buys), a CT scan ("TAC") in Spanish.
    notAfterWords:
      "tic|power|electricity|listrik|pln|prepaid|crypto|nft|game|gift|meal|bus|hadiah|resultado|resultados|estudio|examen|exame|cita",
    skipBefore: "de del da do para su tu la el sua seu una",
    notBeforeWords: "listrik|pln|of appreciation|de regalo|de presente",
  },
  {
    kind: "otp",
    words: ["confirmation code", "codigo de confirmacion", "codigo de confirmacao", "kode konfirmasi"],
    notAfterWords:
      "booking|reservation|order|flight|ticket|reserva|pedido|vuelo|voo|pesanan|tiket|penerbangan|hotel",
    skipBefore: "de",
    // "código de confirmación de la reserva", "confirmation code for your booking".
    skipAfter: "de do da del of for untuk la su tu sua seu your the",
    notBeforeWords: "reserva|pedido|booking|order|reservation|vuelo|voo|pesanan|tiket|flight|compra",
  },
  {
    kind: "cvv",
    words: [
      "cvv",
      "cvv2",
      "cvc",
      "cvc2",
      "cvn",
      "cid code",
      "card security code",
      "card verification code",
      "card verification value",
      "card verification number",
      "security code",
      "security number",
      "security digits",
      "kode keamanan",
      "kode cvv",
      "kod keselamatan",
      "codigo de seguridad",
      "codigo de seguranca",
      "codigo cvv",
      "numero de seguridad",
      "numero de seguranca",
    ],
    notAfterWords: "door|gate|building|alarm|locker|pintu|gedung|puerta|porta|portao",
  },
  {
    kind: "card-number",
    words: [
      "card number",
      "card no",
      "card details",
      "card info",
      "card information",
      "credit card details",
      "debit card details",
      "nomor kartu",
      "no kartu",
      "nomer kartu",
      "no. kartu",
      "nombor kad",
      "no kad",
      "butiran kad",
      "detail kartu",
      "data kartu",
      "numero de tarjeta",
      "numero de la tarjeta",
      "numero de su tarjeta",
      "numero de tu tarjeta",
      "datos de la tarjeta",
      "datos de tu tarjeta",
      "datos de su tarjeta",
      "numero do cartao",
      "numero de cartao",
      "numero do seu cartao",
      "dados do cartao",
      "dados do seu cartao",
    ],
    // "the last 4 digits of your card number" identifies a card without exposing it.
    notEarlierInSentence:
      /\b(?:last|final|first|ultimos|ultimas|primeros|primeiros)\s+(?:\d+|two|three|four|six|dos|tres|cuatro|seis|dois|quatro)\b|\b(?:\d+|dua|tiga|empat|enam)\s+(?:digit|digits|angka)\s+(?:terakhir|pertama)\b|\b(?:\d+|cuatro|quatro|seis)\s+(?:ultimos|primeiros|primeros)\b/,
    notAfterWords:
      "membership|member|loyalty|rewards|reward|library|student|id|identity|sim|insurance|gift|bpjs|ktp|npwp|keluarga|identitas|anggota|pelajar|mahasiswa|perpustakaan|pengenalan|ahli|fidelidad|socio|estudiante|regalo|identidad|sus|fidelidade|presente|cidadao|plano|saude|kad pengenalan|mykad|prepaid|transit|bus|metro|e-money|emoney|tol|toll",
    notBeforeWords:
      "member|anggota|bpjs|ktp|identitas|keluarga|pengenalan|de socio|de fidelidad|de estudiante|de regalo|de identidad|de fidelidade|do sus|de cidadao|do plano|sim|e-money|tol|ending|ends|berakhiran|que termina|terminado|terminada|com final|final",
  },
  {
    kind: "pin",
    words: [
      "pin",
      "pin atm",
      "atm pin",
      "card pin",
      "pin number",
      "mpin",
      "m-pin",
      "tpin",
      "pin transaksi",
      "pin kartu",
      "pin bank",
      "nomor pin",
      "nombor pin",
      "kode pin",
      "kod pin",
      "numero pin",
      "clave del cajero",
      "clave de cajero",
      "personal identification number",
      "nomor identifikasi pribadi",
      "numero de identificacion personal",
      "numero de identificacao pessoal",
    ],
    // "pin your location", "drop a pin", "pin it to the top", "PIN code 560001", "pin lokasi".
    notInSentenceWith: MAP_CONTEXT,
    // Pins that are things: a lapel, hair or safety pin, an earring's or a hinge's.
    notAfterWords:
      "map|location|lokasi|bb|lapel|safety|bobby|hair|push|rolling|bowling|tie|enamel|earring|earrings|hinge|cotter|firing|grenade|clevis|drawing|sewing|tent|split|dowel|hat|collar|brooch|badge|gate|door|pivot|drop|dropped|drops|place|put|add",
    skipBefore: "a the your my an",
    notBeforeWords:
      "it|this|that|these|those|the|them|our|a|an|him|her|lokasi|location|point|drop|board|ball|hole|message|mesej|mensahe|chat|di peta|en el mapa|no mapa|ubicacion|localizacao|pesan|mensaje|mensagem|and tuck|to the top|to top|your location|ur location|your address|ur address|your favourite|your favorite|your chat|your message|your post|your live location|ur live location|your spot|bros|lencana|badge|badges|brooch|kerongsang|enamel|cushion|back|backs|'s emailles|'s emaille|'s de collection|'s collector",
    // "i-pin", "naka-pin": Tagalog and Malay prefixes glued with a hyphen.
    notAfter: /\b(?:i|naka|nai|di|ma)-$/,
  },
  {
    // Spanish (Mexican) NIP is a card PIN; Indonesian NIP is a civil servant's employee number.
    kind: "pin",
    words: ["nip"],
    notInSentenceWith:
      /\b(anda|kamu|masukkan|silakan|silahkan|mohon|pegawai|karyawan|asn|pns|dan|untuk|yang|ke|di|nomor|induk|sila|awak|dengan|guru|dosen)\b/,
    notBefore: /^\s+(?:and\s+tuck|it\s+in\s+the\s+bud)\b/,
  },
  {
    // The PIN described instead of named: "the secret number you use at the ATM".
    kind: "pin",
    words: [
      "secret number",
      "secret numbers",
      "angka rahasia",
      "nomor rahasia",
      "nombor rahsia",
      "angka rahsia",
      "numero secreto",
      "numeros secretos",
      "numero secreto do cartao",
    ],
  },
  {
    // Indian postal "PIN code" is a homonym; outside delivery talk it is a card PIN.
    kind: "pin",
    words: ["pin code", "pincode", "pin kode"],
    notBefore: /^[\s-:#]*\d{4,6}\b/,
    notInSentenceWith: POSTAL_CONTEXT,
  },
  {
    kind: "password",
    words: [
      "pass word",
      "pasword",
      "passwrd",
      "passwd",
      "pass code",
      "pwd",
      "pw",
      "login details",
      "login credentials",
      "sign in details",
      "log in details",
      "credentials",
      "security answer",
      "kata sandi",
      "katasandi",
      "sandi",
      "kode rahasia",
      "kode akses",
      "kata laluan",
      "katalaluan",
      "kod akses",
      "kod rahsia",
      "contrasena",
      "contrasenya",
      "codigo de acceso",
      "codigo secreto",
      "clave secreta",
      "clave de acceso",
      "clave personal",
      "clave de internet",
      "datos de acceso",
      "credenciales",
      "senha",
      "palavra passe",
      "palavra-passe",
      "codigo de acesso",
      "dados de acesso",
      "credenciais",
      "access code",
      "secret code",
      "kredensial",
    ],
    notAfterWords:
      "wifi|wi-fi|wi fi|hotspot|guest|tamu|invitado|visitante|rede|red|jaringan|rangkaian|zip|pdf|document|file|dokumen|archivo|arquivo|fail|router|network|game|escape room|riddle|puzzle",
    skipBefore: "de la do da del",
    notBeforeWords:
      "protected|protegido|protegida|dilindungi|dilindungan|manager|strength|policy|wifi|wi-fi|do wifi|del wifi|de la red|da rede|de atendimento|de espera|da fila|na recepcao|para o atendimento|hint|protect|protection",
    notInSentenceWith: WIFI_CONTEXT,
  },
  {
    // Spanish "clave" is also "key": "palabra clave", "punto clave", "la clave para ahorrar".
    kind: "password",
    words: ["clave", "clave bancaria", "clave de la tarjeta", "clave de tu tarjeta", "clave de su tarjeta"],
    notAfterWords:
      "palabra|palabras|punto|puntos|dato|datos|informacion|factor|factores|momento|elemento|pieza|papel|tema|temas|idea|ideas|fecha|fechas|es|son|fue|sera|ser|muy|mensaje|producto|frase|llave|key",
    notBeforeWords:
      "de rastreo|de seguimiento|de reserva|de reservacion|de reservas|de producto|del producto|de descuento|de promocion|de cupon|de elector|rfc|de envio|de pedido|de referencia|de la reserva|del pedido|del envio|interbancaria|del exito|es|son|lada|del wifi|de wifi|del juego",
  },
];
