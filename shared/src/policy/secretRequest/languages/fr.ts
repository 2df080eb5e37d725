import type { LanguageData } from "./languageData.ts";

/** French (France, Belgium, West and North Africa, Canada). */
export const french: LanguageData = {
  code: "fr",
  name: "French",
  homonymContexts: [
    { kind: "password", words: "wifi" },
    { kind: "pin", words: "localisation" },
  ],
  secrets: [
    { kind: "pin", phrases: "numero d'identification personnel|numero personnel d'identification" },
    {
      kind: "password",
      phrases:
        "mot de passe|mots de passe|mdp|code secret|code d'acces|code acces|identifiants|identifiant et mot de passe|code personnel|code client|code d'identification|cle digitale|code de votre cle digitale|digipass|securpass|secur'pass|code securpass|acces a la banque en ligne|acces en ligne|vos acces|identifiants de connexion|identifiants bancaires|codes d'acces|code d'acces a la banque en ligne",
    },
    {
      kind: "pin",
      phrases:
        "code confidentiel|code pin|code de la carte|code carte|code de carte bancaire|code cb|numero secret|chiffres secrets",
    },
    {
      kind: "cvv",
      phrases: "cryptogramme|cryptogramme visuel|code de securite|chiffres au dos|numero au dos",
    },
    {
      kind: "otp",
      phrases:
        "code de verification|code de validation|code de confirmation|code a usage unique|code unique|mot de passe a usage unique|code sms|code recu|code 3d secure|code d'authentification|code d'activation|code whatsapp|code d'activation whatsapp|code 3d secure|code sms 3d secure",
    },
    {
      kind: "card-number",
      phrases:
        "numero de carte|numero de la carte|numero de votre carte|numero de ta carte|numero de carte bancaire|coordonnees bancaires|informations de carte|informations de votre carte|donnees de carte|donnees de votre carte|16 chiffres",
    },
    {
      kind: "security-answer",
      phrases:
        "nom de jeune fille|reponse que vous avez choisie|reponse que vous avez definie|reponse que tu as choisie|reponse que vous avez enregistree|question secrete|reponse secrete|question de securite|reponse a votre question secrete|premier animal|mot memorable|surnom d'enfance|premiere ecole|nom de votre premier animal|mot secret|premier animal de compagnie|nom de jeune fille de votre mere",
    },
    {
      kind: "recovery-phrase",
      phrases:
        "phrase de recuperation|phrase secrete|phrase de recuperation de 12 mots|cle privee|mots de recuperation|mots secrets|mots secrets de recuperation|phrase mnemonique|phrase de recuperation secrete",
    },
  ],
  codeNouns: "code codes chiffres numero",
  deliveredWords:
    "emis recu recus recue arriver arrive arrivee envoye envoyee envoyes sms texto message affiche affichee apparait apparu s'affiche arrive appel vocal automatique dicter dicte affiche affiches lecteur application appli envoyer envoye recevoir envoyons",
  givenCodeWords:
    "promo retrait casier colis reduction parrainage reservation suivi postal wifi porte acces postal serie imei concours produit invitation pays",
  askVerbs:
    "parvenir envoyez envoyer envoie donnez donner donne communiquez communiquer communique transmettez transmettre transmets indiquez indiquer indique saisissez saisir saisis tapez taper tape entrez entrer entre renseignez renseigner confirmez confirmer confirme repondez repondre reponds recopiez recopier ecrivez ecrire ecris precisez preciser fournissez fournir partagez partager partage dites dire dis lisez lire transferez transferer mettez validez valider collez coller colle copiez copier copie",
  needWords: "besoin demandons demande demander exige exigeons necessaire requis obligatoire faut",
  questionWords: "quel quelle quels quelles",
  pleaseWords: "svp stp merci veuillez priere",
  possessives: "votre vos ton ta tes vous toi",
  filler: "votre vos ton ta le la les de du des code numero",
  negators: "ne n' jamais pas aucun aucune personne rien ni sans evitez",
  negationCancellers: "oubliez hesitez",
  thirdParties:
    "quelqu'un quiconque escroc escrocs fraudeur fraudeurs arnaqueur arnaqueurs inconnu inconnus pirates",
  relativePronouns: "qui que",
  purposeWords: "pour afin pour",
  conditionals: "si quand lorsque",
  placeFiller: "ici maintenant dans le la chat conversation par svp",
  informingSubjects: "allons enverrons sera seront venons allons avons",
  readerSubjects: "vous tu",
  clauseStarters: "mais donc alors puis ensuite sinon car",
  commaClauseStarters: "et puis simplement juste il pouvez pourriez",
  manageVerbs:
    "reinitialisez reinitialiser modifiez modifier changez changer oublie oublier creez creer choisissez choisir bloquez bloquer protegez proteger gardez garder oubliee",
  currentWords: "actuel actuelle ancien ancienne",
  anaphors: "le la les il elle ce code",
  entryVerbs: "saisissez saisir tapez taper entrez entrer composez composer utilisez utiliser",
  nobodyTargets: "avec personne|a personne|a un tiers|a des tiers|meme a un conseiller|a quiconque",
  safePlaces:
    "sur le terminal|sur le terminal de paiement|au distributeur|dans l'application|dans votre application|sur notre site|sur l'appli|au guichet|sur le tpe",
  definitions: "qu'est-ce qu'un|qu'est-ce que le|qu'est ce qu'un|c'est quoi un",
  linkRequests:
    "connectez-vous|connectez vous|identifiez-vous|verifiez vos informations|verifiez vos donnees|confirmez vos informations|confirmez vos donnees|mettez a jour vos informations|mettez a jour vos donnees|validez vos informations|completez vos informations|reactivez votre compte|si ce n'est pas vous|si ce n'etait pas vous|si vous n'etes pas a l'origine|pas vous|ce n'est pas vous|c'est pas vous|ce n'etait pas vous",
  receivedQuestions: "avez-vous recu|avez vous recu|avez-vous bien recu|as-tu recu|tu as recu|vous avez recu",
  statusWords:
    "a ete modifie|a ete modifiee|a bien ete modifie|a ete change|a ete reinitialise|a ete envoye|vous a ete envoye|sera envoye|a expire|expire dans|est valable|valable pendant|est bloque|est bloquee|a ete bloque|est personnel|est strictement personnel|est confidentiel|probleme avec|avec succes",
  exceptionWords: "sauf excepte hormis seulement uniquement suffit simplement juste",
  hereWords: "ici nous conversation chat officiel officielle conseiller moi",
  arrivalWords: "arrive arrivee recu recue parvenu",
  menuOutcomes:
    "savoir connaitre voir recevoir obtenir information informations info instructions aide menu options etapes",
  menuVerbs: "repondez tapez envoyez ecrivez choisissez",
  keywordNouns: "mot",
  digitWords: "chiffre chiffres",
  countWords: "trois quatre cinq six huit",
  pinUseWords: "distributeur dab retrait retirer",
  openWords: "ouvrir ouvrez",
  backWords: "dos verso signature panneau bande",
  frontWords: "recto devant",
  cardWords: "carte cartes",
  notPaymentCardWords: "identite vitale etudiant fidelite cadeau",
  lastWords: "derniers dernier premiers",
  photoWords: "photo capture",
  forwardVerbs: "transferez transferer",
  messageNouns: "sms message",
  sourceOwners: "banque",
  locatives: "sur dans au",
  numberNouns: "numero numeros",
  postalWords: "livraison adresse postal postaux ville expedition",
  copulas: "est sont",
  showingWords: "affiche affiches apparait apparu",
  lightWords: "ici maintenant vite nous moi simplement juste directement pouvez pourriez peux",
  hyphenObjects: "le la les",
  conjunctions: "et puis",
  bornWords: "nee ne naissance jeune mariage",
  parentWords: "mere pere",
  childhoodWords: "enfance enfant",
  historyNouns: "surnom rue ami amie ecole nom instituteur",
  verifyVerbs:
    "verifiez verifier confirmez confirmer validez valider actualisez completez securisez protegez renouvelez renouveler commandez",
  dataNouns: "donnees informations coordonnees compte identite carte",
  loginWords:
    "connectez-vous|connectez vous|en vous connectant|vous connecter|identifiez-vous|identifiez vous|connexion",
  codeDevices: "lecteur authentificateur digipass",
  freshWords: "nouveau nouvelle autre",
  placePrepositions: "sur dans au",
  placeNouns: "distributeur distributeurs dab guichet clavier terminal tpe application appli site agence",
  sentWords: "envoye envoyons",
  destinationWords: "au",
  orWords: "ou",
  ofWords: "de du des",
  sharedWithOthers: "amis amies famille",
  threatWords:
    "expiration expire expirer suspendu suspendue suspension bloque bloquee blocage cloture cloturee desactive desactivee resilie restreint inhabituelle inhabituel suspecte suspect frauduleuse attente impaye impayee retenu retenue echec amende expire incomplete incomplet",
  rewardWords:
    "gagne gagnant lot prix remboursement felicitations selectionne eligible cadeau recompense points droits",
  payVerbs: "payez payer reglez regler",
  claimVerbs:
    "reclamez reclamer recuperez recuperer echangez echanger beneficiez obtenez remplissez remplir completez completer",
  navVerbs: "cliquez cliquer appuyez rendez-vous rendez allez visitez accedez",
  accountNouns: "compte carte banque bancaire bancaires identite identifiants moyen",
  hostWords: "verif securite acces connexion compte",
  feeWords: "frais taxe taxes douane douanes peage",
  secretAdjectives: "secret secrete confidentiel",
  failurePhrases: "n'avons pas pu|n'a pas pu|impossible de|n'a pas pu etre",
  thingWords: "ce que quoi qu'est",
  habitWords: "vous tu d'habitude toujours normalement",
  useVerbs:
    "composez composes compose tapez tapes utilisez utilises saisissez saisis mettez mets entrez entres",
  credentialMoments: "connecter connexion virement virements valider identifier",
  readOutWords: "dit indique affiche",
  determiners: "ce cet cette ces",
  nounAnaphors: "code codes chiffres numero",
  firstWords: "premier premiere",
  firstNouns: "animal chien chat ecole instituteur institutrice maitresse voiture professeur patron emploi",
  attemptWords: "tentatives tentative erronees erronee incorrectes echouees",
  aloudWords: "voix haute audio vocal",
  copyVerbs:
    "recopiez recopier recopie copiez copier copie collez coller colle lisez lire lis dictez dicter dicte",
  contentNouns: "contenu",
  promptVerbs: "demande demandent exige",
  moneyWords: "argent paiement virement sous",
  articlePronouns: "le la les",
  passiveNeeds: "indispensable necessaire obligatoire requis requise",
};
