import type { LanguageData } from "./languageData.ts";

/** Indonesian: roles added since the first lists in ../requestWords.ts and ../secretTerms.ts. */
export const indonesian: LanguageData = {
  code: "id",
  name: "Indonesian",
  homonymContexts: [
    { kind: "password", words: "wifi hotspot" },
    { kind: "pin", words: "lokasi maps peta" },
  ],
  secrets: [
    { kind: "pin", phrases: "nomor identifikasi pribadi|nomor identitas pribadi" },
    { kind: "otp", phrases: "kode otp dana|kode whatsapp|kode verifikasi whatsapp|kode aktivasi whatsapp" },
    {
      kind: "security-answer",
      phrases:
        "nama gadis ibu|nama gadis ibu kandung|nama ibu kandung|pertanyaan keamanan|jawaban keamanan|hewan peliharaan pertama|jawaban rahasia|pertanyaan rahasia|nama panggilan masa kecil|sekolah pertama|nama ibu kandung|nama hewan peliharaan pertama",
    },
    {
      kind: "recovery-phrase",
      phrases:
        "frasa pemulihan|seed phrase|kunci pribadi|kata pemulihan|kata-kata pemulihan|frasa rahasia|kata rahasia dompet|frasa benih",
    },
    {
      kind: "password",
      phrases:
        "user id dan password|user id dan pin|password internet banking|pin m-banking|pin mbanking|keybca|respon keybca|angka respon|appli 1|token bca|m-pin|mpin|pin mbanking|pin m banking|pin brimo|pin livin|password livin|user id internet",
    },
  ],
  codeNouns: "kode angka nomor",
  deliveredWords:
    "dikeluarkan diterbitkan dikirim dikirimkan terima diterima masuk muncul tampil sms pesan telepon panggilan otomatis dibacakan aplikasi authenticator token berisi kirim kirimkan mengirim mengirimkan",
  givenCodeWords:
    "pengambilan loker paket promo voucher diskon kupon resi pesanan booking pos serial imei resi undian produk undangan",
  askVerbs:
    "disampaikan sampaikan diinformasikan informasikan diberikan diberitahukan beritahukan dikirimkan memberitahukan beritahu menyampaikan kirim kirimkan kirimin kirimlah krm kirimkn berikan beri berikanlah kasih kasi kasihkan kasitau sebutkan sebut masukkan masukan masukin masukkanlah ketik ketikkan ketikan ketikin ketiklah inputkan isi isikan isiin infokan informasikan bagikan balas balaslah jawab konfirmasi konfirmasikan verifikasi tulis tuliskan cantumkan lampirkan serahkan tunjukkan mengirim mengirimkan memberikan memberi membagikan mengetik mengetikkan menginformasikan menyebutkan menuliskan menyerahkan mengisi memasukkan japri infoin membalas menjawab mengisikan bacakan bacain bacakanlah kabari kabarkan sertakan sertai teruskan sebutin kabarin tulisin bagiin bales balesin bls",
  linkRequests:
    "login melalui|login di|masuk melalui|masuk ke tautan|verifikasi data|verifikasi akun|perbarui data|update data|konfirmasi data|validasi data|melalui tautan berikut|klik tautan|jika bukan anda|bila bukan anda|jika anda tidak melakukan|bukan anda",
  receivedQuestions: "sudah terima|sudah menerima|sudah masuk|udah masuk|sudah dapat|apakah kode",
  statusWords:
    "telah diubah|sudah diubah|berhasil diubah|telah diganti|berhasil diganti|telah dikirim|sudah dikirim|telah dikirimkan|sudah dikirimkan|akan dikirim|akan dikirimkan|sedang dikirim|kedaluwarsa|kadaluarsa|kadaluwarsa|berlaku selama|berlaku hingga|berlaku sampai|hanya berlaku|diblokir|terblokir|berhasil|bersifat rahasia|adalah rahasia|bermasalah|masalah|kendala",
  exceptionWords: "kecuali selain hanya cuma cukup",
  hereWords: "sini kami chat percakapan petugas resmi sini kesini saya aku",
  arrivalWords: "sampai masuk terima diterima menerima dapat datang tiba",
  menuOutcomes:
    "tahu mengetahui lihat melihat dapatkan mendapatkan info informasi panduan bantuan cara menu pilihan terima menerima",
  menuVerbs: "balas ketik kirim pilih tekan sms",
  keywordNouns: "kata kunci",
  digitWords: "digit angka",
  countWords: "tiga empat lima enam delapan",
  pinUseWords: "atm tarik penarikan tunai",
  openWords: "buka membuka",
  backWords: "belakang tandatangan balik",
  frontWords: "depan",
  cardWords: "kartu",
  notPaymentCardWords: "keluarga identitas ktp pelajar mahasiswa member anggota nama bpjs",
  lastWords: "terakhir pertama",
  photoWords: "foto fotokan fotoin gambar screenshot ss",
  forwardVerbs: "teruskan forward",
  messageNouns: "sms pesan",
  sourceOwners: "bank",
  locatives: "di pada dari dalam",
  numberNouns: "nomor nomer",
  postalWords: "pengiriman alamat ongkir kurir pos kota",
  suffixes: "nya mu ku lah",
  copulas: "adalah ialah",
  yesNoParticles: "apakah",
  showingWords: "muncul tampil keluar terlihat",
  lightWords:
    "ya yah aja saja dong deh sekarang segera langsung kami kak kesini sini juga dulu lagi yuk nanti cepat bisa boleh tolong ulang balik",
  objectSuffixes: "nya",
  conjunctions: "dan lalu",
  bornWords: "lahir dilahirkan gadis menikah",
  parentWords: "ibu ayah bapak",
  childhoodWords: "kecil",
  historyNouns: "panggilan julukan jalan teman sahabat sekolah nama guru",
  verifyVerbs: "verifikasi konfirmasi perbarui validasi update lengkapi aktifkan amankan kyc",
  dataNouns: "data informasi akun rekening kartu identitas",
  loginWords: "login|log in|masuk ke akun|masuk melalui",
  codeDevices: "token authenticator keybca",
  pleaseWords: "dimohon dimohonkan mohon tolong silakan silahkan harap dong donk dunk",
  needWords:
    "diharapkan minta meminta mintain dimintai perlu perlukan memerlukan diperlukan butuh butuhkan membutuhkan dibutuhkan wajib",
  freshWords: "baru lain",
  placeNouns: "atm aplikasi app mesin edc website situs",
  safePlaces:
    "situs kami|laman kami|website kami|aplikasi kami|situs web kami|halaman pembayaran|link pembayaran|tautan pembayaran|website resmi|situs resmi|hanya anda|hanya untuk anda|hanya kamu",
  placePrepositions: "di ke pada dalam melalui lewat",
  commaClauseStarters: "bisa boleh dan kami saya anda kamu aku cukup langsung segera sekarang",
  sentWords: "kirim kirimkan dikirim mengirim",
  destinationWords: "ke kepada",
  questionWords: "apa apakah berapa brp mana mn",
  possessives: "anda kamu mu kalian lu elo nya ente kakak kak bapak ibu pak bu gan agan sis bro mbak",
  filler: "anda kamu nya dengan dan kartu nomor kode sekarang lama ambil",
  negators:
    "tidak tak tdk gak ga nggak ngga enggak engga gk g jangan jgn janganlah bukan usah dilarang pantang tiada",
  thirdParties: "seseorang siapapun penipu penipuan oknum penjahat pihak sesiapa scammer",
  relativePronouns: "yang",
  purposeWords: "untuk utk agar supaya biar",
  conditionals: "jika kalau bila apabila jikalau",
  placeFiller: "di sini bawah ini ya aja saja sekarang segera tolong mohon kak ke lewat melalui",
  informingSubjects: "kami kita saya aku akan sudah telah baru sistem otomatis",
  readerSubjects: "kamu anda",
  clauseStarters:
    "jadi tapi tetapi namun lalu kemudian maka sekarang kalau jika bila apabila karena karna krn sebab sedangkan sehingga terus trus jd tp kerana",
  manageVerbs:
    "ubah ganti atur buat lupa pulihkan blokir mengubah mengganti membuat tukar tetapkan jaga rahasiakan lindungi simpan menjaga",
  currentWords: "lama",
  anaphors: "kode nomor tersebut itu ini nya",
  entryVerbs:
    "masukkan masukan masukin memasukkan ketik ketikkan ketikan ketikin input inputkan isi isikan gunakan",
  carriers: "pesan telepon panggilan tautan situs",
  carrierLinks: "yang meminta",
  preventWords: "untuk agar supaya menghindari hindari mencegah dari",
  scamLabels: "penipuan palsu tipu penipu",
  listIntros: "berikut data informasi",
  recipients: "kami saya kita ini itu anda kamu",
  nounAnaphors: "kode nomor angka",
  postDeterminers: "tersebut itu ini tadi td",
  handedOverWords: "diketik ditulis dimasukkan diisi diberikan",
  passiveAsks:
    "dikirim dikirimkan diberikan diberi diinfokan diinformasikan diketik diketikkan dimasukkan diisi diisikan dibalas disebutkan dishare dibagikan dikonfirmasi dihantar",
  passiveNeeds: "diperlukan dibutuhkan wajib",
  orWords: "atau",
  ofWords: "dari",
  sharedWithOthers: "teman keluarga",
  threatWords:
    "diblokir terblokir blokir dibekukan dinonaktifkan nonaktif ditangguhkan penutupan dihentikan mencurigakan mencurigakan tertahan ditahan tunggakan menunggak terlambat gagal denda hangus kadaluarsa kedaluwarsa dibatasi",
  rewardWords:
    "hadiah pemenang menang memenangkan selamat undian refund pengembalian cashback bonus terpilih berhak",
  payVerbs: "bayar bayarkan lunasi melunasi membayar transfer",
  claimVerbs: "klaim tukarkan tukar ambil cairkan isi isikan lengkapi",
  navVerbs: "klik kunjungi akses tekan masuk",
  accountNouns: "akun rekening kartu bank nasabah identitas kredensial dompet m-banking mbanking",
  hostWords: "verifikasi aktivasi pemulihan blokir perbarui",
  feeWords: "biaya ongkir ongkos tagihan bea cukai denda",
  secretAdjectives: "rahasia",
  failurePhrases: "tidak dapat|tidak bisa|gagal",
  thingWords: "apa yang yg",
  habitWords: "yang biasanya biasa kakak anda kamu bapak ibu selalu",
  useVerbs: "pakai pake gunakan menggunakan ketik masukkan dipakai digunakan diketik",
  credentialMoments: "login masuk transfer transaksi",
  readOutWords: "bunyinya isinya tertulis",
  firstWords: "pertama",
  firstNouns: "peliharaan hewan kucing anjing sekolah guru mobil bos pekerjaan",
  definiteSuffixes: "nya",
  copyVerbs: "salin salinkan copy paste tempel tempelkan baca bacakan bacain dibacain dibacakan dibaca",
  contentNouns: "isi isinya",
};
