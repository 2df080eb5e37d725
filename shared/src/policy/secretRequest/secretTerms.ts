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
  /** The term is a homonym when the text just before it ends with one of these (regex, tested with $). */
  notAfter?: RegExp;
  /** The term is a homonym when the text just after it starts with one of these (regex, tested with ^). */
  notBefore?: RegExp;
  /** A homonym whenever its sentence talks about this, e.g. delivery for Indian postal "PIN code". */
  notInSentenceWith?: RegExp;
}

const POSTAL_CONTEXT =
  /\b(deliver\w*|shipping|ship|courier|postal|post|address|area|city|serviceab\w*|pincode|zip|pengiriman|alamat|ongkir|kirim ke|envio|entrega|direccion|endereco|cep)\b/;

/**
 * The vocabulary of secrets in English, Indonesian, Malay, Spanish and Portuguese. Kept as data so a
 * reviewer can read what is caught; the matching machinery lives in findSecretTerms.ts.
 */
export const SECRET_TERMS: SecretTerm[] = [
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
    notAfter:
      /\b(tic|power|electricity|listrik|pln|prepaid|crypto|nft|game|gift|meal|bus|hadiah)[\s-]*$|\b(?:resultados?|estudio|examen|exame|cita)\s+(?:de\s+|del\s+|da\s+|do\s+|para\s+)?(?:su\s+|tu\s+|la\s+|el\s+|sua\s+|seu\s+|una\s+)?$/,
    notBefore: /^[\s-]*(listrik|pln|of appreciation|de regalo|de presente)\b/,
  },
  {
    // One-time codes described rather than named: "the 6-digit code", "the code we just texted you".
    kind: "otp",
    words: [
      "~(?:4|5|6|8|four|five|six|eight|empat|lima|enam|cuatro|cinco|seis|quatro)[\\s-]*(?:digit|digits|digito|digitos|angka)[\\s-]*(?:code|codigo|kode|kod|otp|pin|number|numero)\\b",
      "~\\b(?:code|codigo|kode|kod)\\s+(?:de\\s+|dengan\\s+)?(?:4|6|8|seis|enam|empat|cuatro|quatro)[\\s-]*(?:digit|digits|digitos|digito|angka)\\b",
      "~\\b(?:code|codes|kode|kod|codigo|codigos|digits|angka|numbers|numeros|nombor)\\b(?![\\s-]+(?:promo|voucher|pos|postal|de rastreo|de rastreio|de seguimiento|de descuento|de desconto|promocional|de reserva|do pedido|del pedido|pesanan|resi|tracking|de barras|booking|tempahan|baucar|diskon|kupon|referral))(?:(?!\\b(?:tolong|mohon|please|pls|silakan|silahkan|sila|harap|por favor|porfa)\\b)[^.?!\\n]){0,25}?\\b(?:sent|texted|smsed|messaged|emailed|received|popped up|appeared|appears|shown|showing|displayed|muncul|keluar|tampil|aparece|aparecio|apareceu|dikirim|dikirimkan|kirimkan|kirim|diterima|terima|dihantar|hantar|enviamos|enviado|enviada|enviou|enviar|mandamos|mandado|mandar|recibiste|recibido|recibir|recebeu|recebido|recebida|receber|chegou|llego|llega|chega|masuk|arrived|came|tiba|sampai|got|dapat)\\b",
      // Only the code itself is the mention, so a request verb between ("check your SMS and tell me the code") stays a cue.
      "~(?<=\\b(?:sms|text message|mensaje de texto|mensagem de texto)\\b[^.?!\\n]{0,40}?)\\b(?:code|kode|kodenya|kod|codigo)\\b",
      "~\\b(?:code|kode|kod|codigo)\\s+(?:from|in|on|dari|di|dalam|del|de|do|da|en|no|na)\\s+(?:the\\s+|your\\s+|ur\\s+|tu\\s+|el\\s+|o\\s+|la\\s+|a\\s+)?(?:text|texts|sms|message|mensaje|mensagem|pesan|mesej)\\b",
      "~\\b(?:what|whatever|yang|lo que|o que)\\s+(?:(?:we|i|kami|saya|te|le|lhe)\\s+)?(?:just\\s+|baru\\s+(?:saja\\s+)?|acabamos de\\s+)?(?:texted|sms'd|smsed|sms-ed|sms-kan|smskan)\\b",
      "~(?<=\\b(?:sent|texted|mengirim|mengirimkan|menghantar|enviamos|enviaremos|mandamos|mandaremos|(?:sudah|telah|baru|udah|dah|akan)\\s+(?:kirim|hantar))\\s+(?:(?:you|u|a|an|the|kamu|anda|awak|sebuah|satu|un|una|um|uma|o|el|te|le|lhe|new|baru|nuevo|novo|nova|nueva)\\s+){0,3})(?:code|kode|kod|codigo)\\b",
      "~\\b(?:code|kode|kod|codigo)\\b(?![\\s-]+(?:promo|voucher|pos|postal|de rastreo|de rastreio|de seguimiento|de descuento|de desconto|promocional|de reserva|do pedido|del pedido|pesanan|resi|tracking|booking|tempahan|baucar|diskon|kupon|referral))[^.?!\\n]{0,40}?\\b(?:sms|text message|mensaje de texto|mensagem de texto)\\b",
    ],
    notAfter:
      /\b(promo|promotional|voucher|discount|coupon|tracking|booking|order|referral|reference|gift|qr|bar|zip|postal|area|country|product|redeem|resi|pos|pesanan|kupon|diskon|rastreo|rastreio|seguimiento|reserva|pedido|descuento|desconto|cupon|cupom|postal|referencia|indicacao|pelacakan|kiriman|penghantaran|baucar|tempahan|de barras|barcode)[\s-]*(?:de\s+|do\s+|da\s+)?$/,
    notBefore:
      /^[\s-]*(?:promo|voucher|pos|postal|de rastreo|de rastreio|de seguimiento|de descuento|de desconto|promocional|de reserva|do pedido|del pedido|pesanan|resi|tracking|de barras)\b|^\s*(?:from|in|on|of|dari|di|de|del|do|da)\s+(?:your|the|our|email|e-mail|tu|su|seu|sua|el|la|o|a)?\s*(?:booking|order|reservation|ticket|gift|voucher|coupon|tiket|pesanan|reserva|pedido|boleto|bilhete|cupon|cupom)\b|^\s*(?:shown|printed|written|displayed|on|from|in|di|en|no|na)\b[^.?!\n]{0,30}\b(?:box|locker|parcel|package|door|gate|receipt|bag|kotak|loker|paket|caja|casillero|paquete|caixa|armario|encomenda|struk|resit|pintu|puerta|porta)\b/,
  },
  {
    kind: "otp",
    words: ["confirmation code", "codigo de confirmacion", "codigo de confirmacao", "kode konfirmasi"],
    notAfter:
      /\b(booking|reservation|order|flight|ticket|reserva|pedido|vuelo|voo|pesanan|tiket|penerbangan|hotel)[\s-]*(de\s+)?$/,
    notBefore:
      /^\s*(de|do|da|del|of|for|untuk|pesanan)\s+(la\s+|su\s+|tu\s+|sua\s+|seu\s+|your\s+|the\s+)?(reserva|pedido|booking|order|reservation|vuelo|voo|pesanan|tiket|flight|compra)/,
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
    notAfter: /\b(door|gate|building|alarm|locker|pintu|gedung|puerta|porta|portao)[\s-]*$/,
  },
  {
    // Descriptions of the CVV instead of its name: "the 3 digits on the back of your card".
    kind: "cvv",
    words: [
      "~(?:3|4|three|four|tiga|empat|tres|cuatro|quatro)[\\s-]*(?:digit|digits|digito|digitos|angka|nombor|nomor|numero|numeros|number|numbers|no)\\b[^.?!\\n]{0,40}?\\b(?:back|behind|reverse|belakang|balik|reverso|detras|atras|dorso|verso|tras|signature|tanda tangan|firma|assinatura)(?:nya)?\\b",
      "~\\b(?:number|numbers|code|digits|angka|nomor|kode|numero|numeros|codigo|digitos|nombor|kod)\\b[^.?!\\n]{0,30}?\\b(?:signature strip|signature panel|signature box|panel tanda tangan|tanda tangan|panel de firma|tira de firma|faixa de assinatura|painel de assinatura)\\b",
      "~\\b(?:number|numbers|code|digits|angka|nomor|kode|numero|numeros|codigo|digitos|nombor|kod)\\b[^.?!\\n]{0,30}?\\b(?:back|belakang|balik|reverso|dorso|verso|parte de atras|parte trasera)(?:nya)?\\b[^.?!\\n]{0,20}?\\b(?:card|kartu|kad|tarjeta|cartao)\\b",
      "~\\b(?:number|numbers|code|digits|angka|nomor|kode|numero|numeros|codigo|digitos|nombor|kod)\\s+(?:on|at|di|en|no|na|del|do|da|dari)\\s+(?:the\\s+)?(?:back|belakang|balik|reverso|dorso|verso|parte de atras|parte trasera|parte de tras)\\b",
    ],
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
      "~(?:16|15|sixteen|fifteen|enam belas|dieciseis|dezesseis|dezasseis|enam belas)[\\s-]*(?:digit|digits|digito|digitos|angka|nombor|numero|numeros|numbers|number)\\b(?:[^.?!\\n]{0,30}?\\b(?:card|kartu|kad|tarjeta|cartao))?",
      "~\\b(?:long number|full number|numbers?|digits|angka|nomor|numero|numeros)\\s+(?:on|at|di|en|no|na|del|do|da)\\s+(?:the\\s+)?(?:front)\\b",
      "~\\b(?:numbers?|digits|angka|nomor|nombor|numero|numeros|digitos)\\b[^.?!\\n]{0,25}?\\b(?:front|frente|depan|hadapan|anverso)\\b[^.?!\\n]{0,20}?\\b(?:card|kartu|kad|tarjeta|cartao)\\b",
    ],
    notAfter:
      /(?:\b(?:last|final|first|ultimos|ultimas|primeros|primeiros)\s+(?:\d+|two|three|four|six|dos|tres|cuatro|seis|dois|quatro)|\b(?:\d+|dua|tiga|empat|enam)\s+(?:digit|digits|angka)\s+(?:terakhir|pertama)|\b(?:\d+|cuatro|quatro|seis)\s+(?:ultimos|primeiros|primeros))\b[^.?!\n]{0,30}$|\b(membership|member|loyalty|rewards?|reward|library|student|id|identity|sim|insurance|gift|bpjs|ktp|npwp|keluarga|identitas|anggota|pelajar|mahasiswa|perpustakaan|pengenalan|ahli|fidelidad|socio|estudiante|regalo|identidad|sus|fidelidade|presente|cidadao|plano|saude|kad pengenalan|mykad|prepaid|transit|bus|metro|e-money|emoney|tol|toll)[\s-]*$/,
    notBefore:
      /^[\s-]*(member|anggota|bpjs|ktp|identitas|keluarga|pengenalan|de socio|de fidelidad|de estudiante|de regalo|de identidad|de fidelidade|do sus|de cidadao|do plano|sim|e-money|tol)\b|^\s*(ending|ends|berakhiran|que termina|terminado|terminada|que termina|com final|final)\b/,
  },
  {
    // A photo of the card shows its number (and, of the back, its CVV).
    kind: "card-number",
    words: [
      "~\\b(?:photo|picture|pic|image|scan|screenshot|foto|gambar|imagen|imagem|fotografia|fotokan|fotoin|memfoto)\\s+(?:of\\s+|dari\\s+|de\\s+|do\\s+|da\\s+|del\\s+)?(?:(?:the\\s+|el\\s+|la\\s+|o\\s+|a\\s+)?(?:front|back|depan|belakang|frente|reverso|verso|anverso)\\s+(?:(?:and|dan|y|e|&)\\s+(?:the\\s+|el\\s+|del\\s+|do\\s+|o\\s+)?(?:front|back|depan|belakang|frente|reverso|verso|anverso)\\s+)?(?:of\\s+|dari\\s+|de\\s+|do\\s+|da\\s+|del\\s+)?)?(?:your\\s+|the\\s+|tu\\s+|su\\s+|seu\\s+|sua\\s+|o\\s+|la\\s+)?(?:credit\\s+|debit\\s+|bank\\s+|atm\\s+)?(?:card|kartu|kad|tarjeta|cartao)\\b(?![\\s-]*(?:keluarga|identitas|tanda|pelajar|mahasiswa|member|anggota|nama|pengenalan|de identidad|de estudiante|de socio|de identidade|do sus|id|identity|student|membership|loyalty|insurance|bpjs|ktp))",
    ],
  },
  {
    kind: "card-number",
    words: [
      "~\\b(?:full|complete|whole|entire|lengkap|penuh|completo|complete|integral)\\s+(?:card|kartu|kad)\\b",
      "~\\bnumeros?\\s+(?:completo\\s+|entero\\s+|inteiro\\s+)?(?:de|do|da|del)\\s+(?:la\\s+|su\\s+|tu\\s+|seu\\s+|sua\\s+|o\\s+|teu\\s+)?(?:tarjeta|cartao)\\b",
      "~\\b(?:nomor|nombor|no)\\s+(?:lengkap|penuh)\\s+(?:kartu|kad)\\b",
      "~\\b(?:number|digits)\\s+(?:of|on)\\s+(?:your|the)\\s+(?:credit\\s+|debit\\s+|bank\\s+)?card\\b",
    ],
    // "the last 4 digits of your card" identifies a card without exposing it.
    notAfter:
      /(?:\b(?:last|final|first|ultimos|ultimas|primeros|primeiros)\s+(?:\d+|two|three|four|six|dos|tres|cuatro|seis|dois|quatro)|\b(?:\d+|dua|tiga|empat|enam)\s+(?:digit|digits|angka)\s+(?:terakhir|pertama)|\b(?:\d+|cuatro|quatro|seis)\s+(?:ultimos|primeiros|primeros))\b[^.?!\n]{0,30}$/,
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
    notAfter:
      /\b(map|location|lokasi|lapel|safety|bobby|hair|push|rolling|bowling|tie|bowling)[\s-]*$|\b(drop|dropped|drops|place|put|add)\s+(?:a|the|your|my|an)?\s*$/,
    notBefore:
      /^[\s-]*(?:it|this|that|these|those|the|them|our|a|an|him|her|lokasi|location|point|drop|board|ball|hole|message|chat|di peta|en el mapa|no mapa|ubicacion|localizacao|pesan|mensaje|mensagem|and tuck|to the top|to top)\b|^\s+(?:your|ur)\s+(?:location|address|favourite|favorite|chat|message|post|live location|spot)\b/,
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
    notAfter:
      /\b(wifi|wi-fi|wi fi|hotspot|guest|tamu|invitado|visitante|rede|red|jaringan|rangkaian|zip|pdf|document|file|dokumen|archivo|arquivo|fail)[\s-]*(?:de\s+la\s+|do\s+|da\s+|de\s+|del\s+)?$/,
    notBefore:
      /^[\s-]*(?:protected|protegido|protegida|dilindungi|dilindungan|manager|strength|policy|wifi|wi-fi|do wifi|del wifi|de la red|da rede|de atendimento|de espera|da fila|na recepcao|para o atendimento|hint)\b|^\s*(?:-|\s)?protect/,
  },
  {
    // Spanish "clave" is also "key": "palabra clave", "punto clave", "la clave para ahorrar".
    kind: "password",
    words: ["clave", "clave bancaria", "clave de la tarjeta", "clave de tu tarjeta", "clave de su tarjeta"],
    notAfter:
      /\b(palabra|palabras|punto|puntos|dato|datos|informacion|factor|factores|momento|elemento|pieza|papel|tema|temas|idea|ideas|fecha|fechas|es|son|fue|sera|ser|muy|mensaje|producto|frase|llave|key)\s*$/,
    notBefore:
      /^[\s-]*(?:de rastreo|de seguimiento|de reserva\w*|de producto|del producto|de descuento|de promocion|de cupon|de elector|rfc|de envio|de pedido|de referencia|de la reserva|del pedido|del envio|interbancaria|del exito|es|son|lada|del wifi|de wifi|del juego)\b/,
  },
];
