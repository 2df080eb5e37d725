import type { LanguageData } from "./languageData.ts";

/** Spanish: roles added since the first lists in ../requestWords.ts and ../secretTerms.ts. */
export const spanish: LanguageData = {
  code: "es",
  name: "Spanish",
  homonymContexts: [
    { kind: "password", words: "wifi red" },
    { kind: "pin", words: "ubicacion mapa" },
  ],
  secrets: [
    { kind: "otp", phrases: "codigo de autorizacion|clave de autorizacion" },
    { kind: "pin", phrases: "numero de identificacion personal" },
    { kind: "otp", phrases: "codigo de whatsapp|codigo de activacion de whatsapp" },
    {
      kind: "password",
      phrases:
        "coordenadas|tarjeta de coordenadas|clave de coordenadas|clave unica|clave dinamica|segunda clave|clave digital|token digital|credenciales de acceso|usuario y clave|usuario y contrasena|clave de internet|clave del banco",
    },
    {
      kind: "security-answer",
      phrases:
        "nombre de soltera|respuesta que configuraste|respuesta que elegiste|respuesta que registraste|respuesta que pusiste|respuesta que configuro|respuesta que eligio|apellido de soltera|pregunta de seguridad|respuesta de seguridad|pregunta secreta|respuesta secreta|primera mascota|palabra de seguridad|palabra secreta|apodo de infancia|primera escuela|nombre de tu primera mascota|tu primera mascota|apellido de soltera de tu madre",
    },
    {
      kind: "recovery-phrase",
      phrases:
        "frase semilla|frase de recuperacion|clave privada|palabras secretas|palabras secretas de recuperacion|palabras de recuperacion|palabras semilla|frase secreta|frase de respaldo|palabras clave de recuperacion",
    },
  ],
  codeNouns: "codigo codigos codiguito codiguitos numero digitos clave",
  deliveredWords:
    "remitido remitida emitido llegar llegara llego llega llegaron llegan llegado llegada llegaron recibiste recibidos recibidas recibido enviamos enviado mensaje sms texto aparece salieron salio llamada automatica dicto autenticacion app aplicacion muestra mandamos mandado mandar mande mando enviamos enviado envio enviar recibir recibiste recibido recibida acabas",
  givenCodeWords:
    "casillero retiro recogida promo descuento cupon rastreo seguimiento reserva pedido postal serie imei concurso sorteo producto invitacion pais",
  askVerbs:
    "proporcionarse facilitarse enviarse remitirse indicarse ponme ponnos comunique comuniquenos comunicar comunicarnos comuniquen remita remitanos remitir lee leenos dicta dictame dictanos pasa pasame pasanos dime dinos leeme reenviame decir envia enviame envianos envie envienos enviar enviarnos enviarnosla enviarnoslo manda mandame mandanos mande mandenos mandar proporciona proporcione proporcionanos proporcionar indica indicanos indiquenos indicar dinos dime diganos digame decirnos escribe escribenos escriba escribir ingresa ingrese ingresar introduce introduzca introducir digita digite digitar teclea teclee comparte compartenos comparta compartir confirma confirme confirmar responde responda contesta conteste facilita facilitanos facilite facilitar pasame pasanos danos dame denos darnos verifica verifique coloca coloque anota anote revela revele comunica comunicanos comunique dicta dictanos reenvia enviaras enviara enviases envies mandaras mandes compartas compartieras des dieras digas dijeras pases pasaras indiques indicaras escribas escribieras confirmes confirmaras proporciones proporcionaras facilites decime decinos escribime contame contanos respondiendo enviando escribiendo compartiendo indicando contestando proporcionando mandando ingresando leeme leenos dictame avisame avisanos incluye incluya incluir adjunta adjunte regalame confirmas ingresas indicas proporcionas facilitas reenvias pasas mandas envias das dices compartes escribes pega pegue pegar copia copie copiar",
  linkRequests:
    "inicia sesion en|inicia sesion en el enlace|ingresa al enlace|accede al enlace|verifica tus datos|confirma tus datos|actualiza tus datos|valida tus datos|enlace seguro|si no fuiste tu|si no fue usted|si no reconoces|si no reconoce|no fuiste tu",
  receivedQuestions: "te llego|ya te llego|recibiste el codigo|has recibido",
  statusWords:
    "ha sido cambiada|ha sido cambiado|se cambio|se ha cambiado|fue cambiada|fue cambiado|fue enviado|fue enviada|ha sido enviado|ha sido enviada|sera enviado|sera enviada|se envio|vencio|ha vencido|expira|expiro|caduca|caduco|es valido|es valida|valido por|valida por|vigente por|esta bloqueada|esta bloqueado|fue bloqueada|es personal|es confidencial|intransferible|problema con|problemas con|correctamente",
  exceptionWords: "excepto salvo menos solo solamente sino basta simplemente",
  hereWords: "aqui aca nosotros nos chat oficial conversacion agente asesor aqui aca",
  arrivalWords: "llego llega llegaron recibiste recibio recibido",
  menuOutcomes: "saber conocer ver recibir obtener informacion info instrucciones ayuda menu opciones pasos",
  menuVerbs: "responde responda escribe escriba envia envie manda mande marca marque elige",
  keywordNouns: "palabra",
  digitWords: "digito digitos numeros cifras",
  countWords: "tres cuatro cinco seis ocho",
  pinUseWords: "cajero retirar retiro retiras",
  openWords: "abrir abres entrar entras",
  backWords: "reverso dorso detras atras firma panel franja",
  frontWords: "frente anverso",
  cardWords: "tarjeta tarjetas",
  notPaymentCardWords: "identidad estudiante socio regalo fidelidad",
  lastWords: "ultimos ultimas ultimo primeros primeras",
  photoWords: "foto fotografia imagen captura",
  forwardVerbs: "reenvia reenvie reenviame reenvianos reenviar",
  messageNouns: "sms mensaje mensajito mensajitos",
  sourceOwners: "banco",
  locatives: "en",
  numberNouns: "numero numeros numerito numeritos digitos",
  postalWords: "envio entrega direccion postal postales domicilio ciudad",
  copulas: "es son era",
  showingWords: "aparece aparecio muestra salio salieron",
  lightWords: "hoy ya ahora aqui aca ahi nos me porfa rapido luego puedes podrias puede podria cual es",
  hyphenObjects: "",
  objectSuffixes: "lo la los las selo sela melo mela noslo nosla",
  conjunctions: "y luego",
  bornWords: "nacio nacido nacida soltera casarse casada",
  parentWords: "madre mama padre papa",
  childhoodWords: "infancia nino nina creciste",
  historyNouns: "apodo calle amigo amiga escuela nombre maestro",
  verifyVerbs:
    "verifica verifique confirma confirme valida valide actualiza actualice completa complete protege proteja asegura asegure",
  dataNouns: "datos informacion cuenta identidad tarjeta",
  loginWords:
    "inicia sesion|iniciando sesion|inicie sesion|iniciar sesion|acceda|accede|ingresa a tu cuenta|ingrese a su cuenta",
  pleaseWords: "agradeceremos agradecemos agradeceriamos rogamos favor porfa porfavor pf pfv",
  codeDevices: "token autenticador",
  freshWords: "nuevo nueva otro otra",
  placeNouns: "cajero cajeros app aplicacion datafono terminal sitio portal",
  safePlaces:
    "nuestro sitio|nuestra pagina|nuestra app|nuestra aplicacion|pagina de pago|enlace de pago|link de pago|formulario de pago|sitio oficial|solo tu|solo usted|solo para ti",
  placePrepositions: "en",
  commaClauseStarters: "puedes podrias y nosotros solo basta ahora por",
  sentWords: "enviamos mandamos enviado mandado",
  destinationWords: "a al",
  needWords:
    "necesitar precisar necesitamos necesito necesitaremos requerimos requiere requerido requerida necesario necesaria pedimos pide pida pedir solicitamos solicita solicitar pidiendo solicitando",
  questionWords: "cual cuales",
  possessives: "tu tus su sus usted ti te",
  filler: "tu su el la los las con de del y tarjeta numero codigo actual",
  negators: "nunca jamas ni nadie tampoco ningun ninguna ninguno evita evite evitar sin",
  negationCancellers:
    "embargo preocupes preocupe problem problema delay demora tarde later lebih sungkan segan lupakan mind",
  thirdParties: "alguien estafador estafadores delincuentes terceros cualquiera ladrones quien",
  relativePronouns: "que quien",
  purposeWords: "para",
  conditionals: "si cuando",
  placeFiller: "aqui aca abajo ahora por favor",
  informingSubjects: "te le les vamos iremos banco nosotros",
  readerSubjects: "usted tu",
  clauseStarters: "pero entonces luego ahora si porque cuando sino asi",
  manageVerbs:
    "cambiar cambia cambie restablecer restablece olvidaste olvido recuperar recupera crear crea cree bloquear protege proteja guarda guarde guardes mantener manten mantenga mantengas olvidada olvidado",
  currentWords: "actual",
  anaphors: "ella ellas codigo numero ese lo la",
  entryVerbs:
    "tulis tuliskan escribe escriba escribir inserta inserte insertar marca marque marcar pon ponga ingresa ingrese ingresar introduce introduzca introducir digita digite digitar teclea teclee usa use",
  topicNouns: "cambio recuperacion restablecimiento",
  carriers: "mensaje mensajes llamada llamadas correo correos enlace enlaces pagina paginas",
  carrierLinks: "que pidiendo solicitando",
  preventWords: "para evitar prevenir contra de",
  scamLabels: "fraude fraudes estafa estafas falso falsa falsos falsas",
  listIntros: "siguientes datos",
  recipients: "nos nosotros el la",
  nounAnaphors: "codigo numero",
  determiners: "el ese este esa esta",
  handedOverWords:
    "escrita escrito escribir escribirse ingresar ingresada ingresado enviar compartida compartido",
  passiveNeeds:
    "requerido requerida necesario necesaria indispensable imprescindible obligatorio obligatoria",
  recipientSuffixes: "me nos te le les",
  orWords: "o",
  ofWords: "de del",
  sharedWithOthers: "amigos amigas familia",
  threatWords:
    "bloqueada bloqueado bloqueo suspendida suspendido suspension cancelada cancelado cancelacion desactivada desactivado restringida restringido retenido retenida inusual sospechoso sospechosa sospechosos no autorizado reconocido pendiente impago adeudo vencida vencido multa fallido incompleta incompleto",
  rewardWords:
    "ganaste ganado ganador premio premios recompensa reembolso devolucion felicidades felicitaciones seleccionado elegible sorteo bono regalo",
  payVerbs: "paga pague pagar abona abone abonar",
  claimVerbs:
    "reclama reclame reclamar reclamalo canjea canjee canjear cobra cobre cobrar rellene rellena rellenar complete completa completar llene llena llenar",
  navVerbs:
    "haz clic click pulsa pulse ingresa ingrese ingresando accede acceda accediendo entra entre visita visite",
  accountNouns: "cuenta tarjeta banco bancarios bancaria bancario banca identidad credenciales billetera",
  hostWords:
    "verifica verificar verificacion actualiza actualizar actualizacion desbloqueo desbloquear seguridad acceso restablecer",
  feeWords: "tasa tasas tarifa cargo costo coste aduana aduanas peaje arancel",
  secretAdjectives: "secreto secreta confidencial",
  failurePhrases: "no pudimos|no se pudo|no ha sido posible|no fue posible|no se ha podido",
  thingWords: "que cual cuales",
  habitWords: "normalmente siempre usted tu te",
  useVerbs: "pones pone metes mete escribes escribe usas usa tecleas teclea ingresas ingresa marcas marca",
  credentialMoments:
    "entrar entras entra ingresar ingresas iniciar sesion transferencia transferencias transferir login",
  readOutWords: "dice pone muestra",
  articlePronouns: "el",
  firstWords: "primer primera primero",
  firstNouns: "mascota perro gato escuela colegio maestro maestra coche carro auto jefe trabajo",
  attemptWords: "intentos intento fallidos fallido erroneos erroneo incorrectos incorrecto",
  aloudWords: "audio voz alta",
  copyVerbs: "copia copie copiar pega pegue pegar lee lea leer leyendo leyendome dicta dicte dictar dictando",
  copyToUsVerbs:
    "leeme leemelo leemelos leemela leemelas leanos leame leamelo leamelos leenos leenoslo leenoslos copiame copiamelo copiamelos copianos copianoslo dictame dictamelo dictamelos dictanos",
  contentNouns: "contenido",
  promptVerbs: "pide piden pidio solicita",
  moneyWords: "dinero plata pago pagos lana",
};
