/**
 * Words that turn a mention of a secret into a request, or into a warning, per language. All in
 * normalised form (lowercase, accents removed). Each set is one role in the clause; the detector
 * combines them (see detectSecretRequest.ts).
 */
const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/** Verbs that ask the reader to hand something over: "send", "masukkan", "envíanos", "informe". */
export const ASK_VERBS = words(`
  send give provide share type enter input tell reply respond answer confirm verify submit forward
  write fill paste drop mention state specify disclose reveal insert put dm whatsapp quote spell show
  sending giving providing sharing typing entering replying submitting confirming telling verifying
  kirim kirimkan kirimin kirimlah krm kirimkn berikan beri berikanlah kasih kasi kasihkan kasitau sebutkan sebut
  masukkan masukan masukin masukkanlah ketik ketikkan ketikan ketikin ketiklah inputkan isi isikan isiin
  infokan informasikan bagikan balas balaslah jawab konfirmasi konfirmasikan verifikasi tulis tuliskan
  cantumkan lampirkan serahkan tunjukkan mengirim mengirimkan memberikan memberi membagikan mengetik
  mengetikkan menginformasikan menyebutkan menuliskan menyerahkan mengisi memasukkan japri infoin
  hantar hantarkan hantarlah bagi bagitau bagitahu bgtau beritahu beritahukan taip taipkan kongsi kongsikan nyatakan
  sahkan maklumkan menghantar berkongsi menaip mengesahkan
  envia enviame envianos envie envienos enviar enviarnos enviarnosla enviarnoslo manda mandame mandanos
  mande mandenos mandar proporciona proporcione proporcionanos proporcionar indica indicanos indique
  indiquenos indicar dinos dime diganos digame decirnos escribe escribenos escriba escribir ingresa
  ingrese ingresar introduce introduzca introducir digita digite digitar teclea teclee comparte
  compartenos comparta compartir confirma confirme confirmar responde responda contesta conteste
  facilita facilitanos facilite facilitar pasame pasanos danos dame denos darnos verifica verifique
  coloca coloque anota anote revela revele comunica comunicanos comunique dicta dictanos reenvia
  informa informe informar insira insere inserir forneca fornece fornecer compartilhe compartilha
  compartilhar partilhe partilha diga diz dizer passe passa passar escreva escreve escrever preencha
  preenche mostre envie-nos digitar responder encaminhe encaminha encaminhar reenvie reenviar forward
  enviaras enviara enviases envies mandaras mandes compartas compartieras des dieras digas dijeras pases
  pasaras indiques indicaras escribas escribieras confirmes confirmaras proporciones proporcionaras facilites
  enviasse mandasse informasse passasse digitasse enviem mandem informem
  introduza introduzir indique decime decinos escribime contame contanos mandame pasame gimme pop
  membalas menjawab mengisikan respondiendo enviando escribiendo compartiendo indicando contestando
  proporcionando mandando respondendo informando digitando passando compartilhando ingresando
  bacakan bacain bacakanlah leeme leenos dictame kabari kabarkan avisame avisanos furnish supply
  include attach incluye incluya incluir inclua incluir adjunta adjunte anexe sertakan sertai kemukakan mengemukakan teruskan majukan revert spill regalame sebutin kabarin tulisin bagiin bales balesin bls fala fale dar confirmas ingresas indicas proporcionas facilitas reenvias pasas mandas envias das dices compartes escribes
`);

/** Spanish imperatives with object pronouns attached: "ingrésalo", "envíanoslo", "compártela". */
export const ASK_VERB_WITH_CLITIC =
  /^(?:decir|enviar|mandar|dar|pasar|compartir|escribir|indicar|proporcionar|confirmar|facilitar|dictar|informar|responder|contestar|ingresar|introducir|anotar|reenviar|teclear|digitar|envia|manda|escribe|ingresa|comparte|confirma|indica|dicta|pasa|proporciona|facilita|digita|teclea|introduce|da|di|responde|reenvia|anota|coloca|envie|mande|escriba|ingrese|comparta|confirme|indique|dicte|pase|proporcione|facilite|digite|teclee|introduzca|de|diga|responda|anote|coloque)(?:me|nos|lo|la|los|las|melo|mela|noslo|nosla|selo|sela)$/;

/** Verbs of needing or asking on the business's side: "we need", "diperlukan", "necesitamos". */
export const NEED_WORDS = words(`
  need needs needed require requires required request requesting requested ask asks asking
  minta meminta mintain dimintai perlu perlukan memerlukan diperlukan butuh butuhkan membutuhkan dibutuhkan wajib
  necesitar precisar necesitamos necesito necesitaremos requerimos requiere requerido requerida necesario necesaria pedimos
  pide pida pedir solicitamos solicita solicitar pidiendo solicitando
  precisamos preciso precisaremos necessitamos requer requerido obrigatorio obrigatoria necessario
  necessaria pede pedem pedindo solicitando
`);

/** Question words that, with "your", make "what is your PIN?" a request. */
export const QUESTION_WORDS = words(
  "what whats what's which cual cuales qual quais apa apakah berapa brp mana mn",
);

/** Words that make "PIN please" a request when they sit right beside the secret. */
export const PLEASE_WORDS = words(
  "please pls plz plis kindly mohon tolong silakan silahkan sila harap favor porfa porfavor pf pfv dong donk dunk",
);

/** Possessives that point the secret at the reader: "your PIN", "PIN anda", "tu clave", "sua senha". */
export const POSSESSIVES = words(
  "your ur yr yours you tu tus su sus sua suas seu seus vosso vossa voce vc usted ti te anda kamu mu awak kalian lu elo nya ente kakak kak bapak ibu pak bu gan agan sis bro mbak encik puan tuan kau engkau ko hang dikau",
);

/** Words allowed between "please" and the secret ("please, your full card number"). */
export const FILLER = words(`
  your ur the a an my tu su sua seu o el la los las anda kamu nya me us with dengan con com de do da del
  and dan y e card kartu kad tarjeta cartao atm bank full complete number nomor numero nombor code kode
  codigo kod current new atual actual semasa sekarang lama old sms take ambil snap
`);

/** Negators: a request under one of these, in the same clause, is a warning. */
export const NEGATORS = words(`
  never not no dont don't doesnt doesn't won't wont cannot can't cant shouldnt shouldn't mustnt mustn't
  nobody none neither nor avoid without refrain nor
  tidak tak tdk gak ga nggak ngga enggak engga gk g jangan jgn janganlah bukan usah dilarang pantang tiada
  takkan tidakkan tanpa hindari elakkan elak
  nunca jamas ni nadie tampoco ningun ninguna ninguno evita evite evitar sin
  nao jamais nem ninguem nenhum nenhuma sem
`);

/** Words after a negator that cancel it: "don't forget to…", "jangan lupa…", "no dudes en…". */
export const NEGATION_CANCELLERS = words(`
  forget lupa olvides olvide esqueca esquecer hesitate ragu dudes dude hesite worry khawatir kuatir risau
  preocupes preocupe problem problema delay demora tarde later lebih sungkan segan lupakan mind
`);

/** Someone other than the business doing the asking: the sentence describes a scam. */
export const THIRD_PARTIES = words(`
  someone somebody anyone anybody scammer scammers fraudster fraudsters criminal criminals hacker hackers
  stranger strangers impostor impostors imposter imposters whoever caller callers thieves
  seseorang siapapun siapa penipu penipuan oknum penjahat pihak sesiapa scammer
  alguien estafador estafadores delincuentes terceros cualquiera ladrones
  alguem golpista golpistas criminosos terceiros fraudadores qualquer ladroes quem quien quienes
  beware careful waspada awas berhati hati cuidado desconfie desconfia desconfiem desconfiar
`);

/** "messages that ask for your PIN", "mesej yang meminta": a relative clause describes someone else asking. */
export const RELATIVE_PRONOUNS = words("who which that yang que quem quien");

/** "to confirm your order", "para confirmar": a verb after this serves the secret rather than asking for it. */
export const PURPOSE_WORDS = words("to untuk utk agar supaya biar para pra pour bagi for so");

/** Words that introduce a hypothetical: "if anyone asks for your PIN…". */
export const CONDITIONALS = words(
  "if jika kalau bila apabila jikalau sekiranya si se when whenever cuando quando",
);

/** What may follow a verb that points back at a secret named just before: "…, sila taip di sini". */
export const PLACE_FILLER = words(`
  here below now in the this chat message di sini bawah ini ya aja saja sekarang segera aqui aca abajo ahora
  agora abaixo embaixo ok please por favor sila tolong mohon kak ke sms via lewat melalui wa whatsapp to
`);

/** Subjects that make "send" informative: "we'll send you an OTP", "kami akan mengirimkan kode". */
export const INFORMING_SUBJECTS = words(`
  we we'll weve we've i i'll ive i've will shall kami kita saya aku akan sudah telah baru te le les lhe lhes
  vamos iremos vai ira bank banco system sistem automatically otomatis nosotros
`);

/** "you" as subject: "you will need your PIN at the ATM" informs rather than asks. */
export const READER_SUBJECTS = words("you you'll youll kamu anda awak voce vc usted tu vas");

/** Words that start a new clause, so negation before them does not reach past them. */
export const CLAUSE_STARTERS = words(`
  so but then however instead therefore otherwise now if unless because since when while
  jadi tapi tetapi namun lalu kemudian maka sekarang kalau jika bila apabila karena karna krn sebab
  sedangkan sehingga terus trus jd tp kerana sekiranya
  pero entonces luego ahora si porque cuando sino asi
  mas porem entao agora se quando depois
`);

/** After a comma these also start a new clause ("we never call you, type your PIN here"). */
export const COMMA_CLAUSE_STARTERS = words(`
  and just please dan y e we i you kami saya anda kamu aku nosotros voce simply only cukup langsung
  solo apenas basta segera now immediately urgently ahora agora sekarang por
`);

/** Verbs that make the secret a topic, not an object: "reset your password", "ubah PIN". */
export const MANAGE_VERBS = words(`
  reset change update create set setup choose forgot forget forgotten recover unlock block activate
  renew protect keep guard secure
  ubah ganti atur buat lupa pulihkan blokir mengubah mengganti membuat tukar tetapkan jaga rahasiakan
  lindungi simpan menjaga
  cambiar cambia cambie restablecer restablece olvidaste olvido recuperar recupera crear crea cree bloquear
  protege proteja guarda guarde guardes mantener manten mantenga mantengas
  redefinir redefina alterar altere trocar troque criar crie esqueceu esqueci cadastrar cadastre mantenha
  proteja guarde
`);

/** Words that mean "the current one" and undo a manage verb: "change it: send your current PIN". */
export const CURRENT_WORDS = words("current old existing lama semasa actual atual antiga antigua");

/** Anaphors a request can use for a secret named earlier: "we sent an OTP — reply with it". */
export const ANAPHORS = words(`
  it them this that code codes kodenya kode kod codigo number nomor numero digits angka tersebut itu ini
  nya ele ela isso esse este ese lo la
`);

/** Verbs of typing a secret in somewhere: only these are safe when the place is the ATM or the app. */
export const ENTRY_VERBS = words(`
  enter type input key insert use entering typing log sign login signin write dial punch
  tulis tuliskan escribe escriba escribir inserta inserte insertar marca marque marcar pon ponga
  masukkan masukan masukin memasukkan ketik ketikkan ketikan ketikin input inputkan isi isikan gunakan
  taip taipkan menaip
  ingresa ingrese ingresar introduce introduzca introducir digita digite digitar teclea teclee usa use
  insira insere inserir utilize usar
`);

/** Where entering a secret is expected and safe: the ATM, the bank's own app. */
export const ELSEWHERE =
  /\b(?:on|in|at|via|through)\s+our\s+(?:own\s+)?(?:official\s+)?(?:website|site|app|web|portal)\b|\b(?:situs|laman|website|aplikasi)\s+(?:web\s+)?kami\b|\b(?:nuestro|nuestra)\s+(?:sitio|pagina|app|aplicacion)\b|\b(?:nosso|nossa)\s+(?:site|pagina|app|aplicativo)\b|\b(?:payment|checkout|secure payment|pay)\s+(?:page|link|form|portal)\b|\b(?:halaman|link|tautan|laman|pautan)\s+pembayaran\b|\b(?:pagina|enlace|link|formulario)\s+de\s+(?:pago|pagamento)\b|\b(?:at|in|on|into|through|via|using|di|ke|dalam|pada|en|no|na|em|nas|nos)\s+(?:[\w']+\s+){0,3}?(?:atm|atms|app|apps|aplikasi|aplicativo|aplicacion|application|machine|mesin|terminal|keypad|pinpad|pin pad|edc|cajero|caixa|maquininha|datafono|card reader|pos|telefone da agencia|mobile banking|m-banking|internet banking|official website|website resmi|situs resmi|sitio oficial|site oficial|laman rasmi|portal rasmi)\b|\b(?:only|hanya|sahaja|solo|solamente|apenas|somente)\s+(?:\w+\s+){0,2}?(?:you|yourself|anda|kamu|usted|voce|tu)\b/;

/** "with anyone", "kepada siapa pun", "a nadie": the request is a prohibition. */
export const NOBODY_TARGET =
  /\b(?:with|to)\s+(?:anyone|anybody|no one|nobody|others|other people|strangers|any person)\b|\b(?:kepada|ke|dengan|pada)\s+(?:siapa\s*pun|siapapun|sesiapa|orang lain|pihak lain|siapa-siapa)\b|\b(?:a|con)\s+(?:nadie|nadie mas|terceros|otras personas)\b|\b(?:com|a|para)\s+(?:ninguem|terceiros|outras pessoas|qualquer pessoa)\b/;

/** "What is a PIN?", "apa itu OTP": a definition, not a question to the reader. */
export const DEFINITION =
  /\b(?:what is an?|what's an?|apa itu|apakah itu|que es una?|que son|o que e|o que sao|apa maksud)\b/;
