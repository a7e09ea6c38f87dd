# Pesan untuk warga: /cek, /skrining, usulan, /info, dan alasan penolakan impor data KPM.
# Sapaan: Bapak/Ibu, Anda. Teks polos tanpa markup.

## Masukan yang tidak sesuai
input-not-text = Mohon maaf, pada langkah ini kami perlu jawaban berupa teks yang diketik.
input-use-buttons = Mohon jawab dengan menekan salah satu tombol yang tersedia.
name-invalid = Mohon maaf, nama itu belum dapat kami terima. Silakan tulis nama lengkap sesuai KTP (paling banyak 100 huruf).

## NIK
nik-invalid =
    Mohon maaf, NIK tersebut belum benar: { $why }.

    Silakan ketik ulang 16 angka NIK sesuai KTP Anda.
nik-why-empty = NIK belum diisi
nik-why-not-digits = NIK hanya berisi angka, tanpa huruf atau tanda lain
nik-why-length = NIK terdiri dari 16 angka, sedangkan yang Anda ketik { $count } angka
nik-why-province = dua angka pertama bukan kode provinsi di Indonesia (untuk Jawa Barat: 32)
nik-why-region = kode kabupaten/kota atau kecamatan (angka ke-3 sampai ke-6) tidak mungkin 00
nik-why-birth-date = angka ke-7 sampai ke-12 seharusnya tanggal lahir (tanggal, bulan, tahun; tanggal ditambah 40 untuk perempuan), tetapi tanggal itu tidak ada
nik-why-serial = empat angka terakhir tidak mungkin 0000

## /cek
cek-ask-nik =
    Silakan ketik NIK (16 angka) yang tertera di KTP atau Kartu Keluarga Anda.

    NIK tidak kami simpan utuh dan tidak akan kami tampilkan kembali. Ketik /batal bila ingin berhenti.
cek-ask-name = Terima kasih. Sekarang ketik nama lengkap pemilik NIK tersebut, sesuai yang tertulis di KTP.
cek-not-found =
    Mohon maaf, data dengan NIK dan nama tersebut tidak kami temukan dalam data penerima bansos (KPM, Keluarga Penerima Manfaat) yang kami punya.

    Mohon periksa kembali NIK dan ejaan nama sesuai KTP. Bila keluarga Anda merasa layak menerima bantuan tetapi belum terdaftar, silakan nilai keadaan rumah tangga Anda lewat /skrining, lalu ajukan usulan. Anda juga dapat bertanya kepada TKSK di kecamatan Anda atau ke kantor desa/kelurahan.
cek-again = 🔎 Cek lagi
cek-limit = Mohon maaf, Anda sudah melakukan { $limit } kali pengecekan dalam { $minutes } menit terakhir. Untuk menjaga keamanan data warga, silakan coba lagi mulai { $time }.
cek-found = ✅ Data ditemukan. Keluarga Anda terdaftar sebagai KPM (Keluarga Penerima Manfaat) bansos di { $place }, Kecamatan { $kecamatan }.
cek-found-inactive = Data ditemukan. Keluarga Anda tercatat di data bansos { $place }, Kecamatan { $kecamatan }, tetapi saat ini tidak ada program bantuan yang aktif.
cek-program-active = • { $program }: aktif
cek-program-inactive = • { $program }: tidak aktif
cek-last-received = Bantuan terakhir diterima: { $month }
kks-line = { $first ->
        [yes] Kartu KKS (Kartu Keluarga Sejahtera)
       *[no] Kartu KKS
    }: { $status }
kks-status-aktif = aktif
kks-status-belum-terdistribusi = belum dibagikan
kks-status-bermasalah = bermasalah
kks-status-tidak-ada = belum ada
cek-next-kks-problem = Kartu KKS Anda tercatat bermasalah. Bawa kartu KKS dan KTP ke TKSK kecamatan atau pendamping program agar diperiksa atau diganti.
cek-next-contact = Ada pertanyaan? Hubungi TKSK Kecamatan { $kecamatan } atau kantor { $place }.

## Program (besaran bantuan diambil dari tabel program)
program-benefit = Besar bantuan: { RUPIAH($amount) } per bulan
program-benefit-varies = Besar bantuan: sesuai ketentuan program
program-benefit-pkh = Besar bantuan: sesuai anggota keluarga (ibu hamil, anak, lansia, disabilitas)
program-benefit-pbi = Bantuan: iuran BPJS Kesehatan dibayar pemerintah
program-details-button = ℹ️ { $program }
program-where-sembako = Bantuan ini bukan uang tunai. Belanjakan dengan Kartu KKS di e-Warong yang ditunjuk di wilayah Anda, untuk bahan pangan seperti beras, telur, dan lauk-pauk.
program-where-pkh = Bantuan disalurkan ke rekening penerima di bank penyalur atau lewat kantor pos. Ikuti juga pertemuan kelompok bersama pendamping PKH di desa/kelurahan Anda.
program-where-pbi = Bila sakit, berobatlah ke puskesmas atau klinik tempat Anda terdaftar dengan membawa KTP atau kartu JKN-KIS. Tidak ada iuran yang perlu Anda bayar.
program-where-other = Untuk keterangan program ini, silakan tanyakan kepada TKSK di kecamatan Anda atau ke kantor desa/kelurahan.

## /info
info-title = Program bantuan sosial (bansos) dari Dinas Sosial Kabupaten Karawang:
info-footer =
    Penerima bansos diputuskan Kementerian Sosial (Kemensos) dari DTSEN (Data Tunggal Sosial dan Ekonomi Nasional, dulu DTKS). Desa/kelurahan dan Dinas Sosial mengusulkan dan memeriksa datanya.

    Cek keluarga Anda: /cek. Merasa layak tetapi belum terdaftar: /skrining.

## /skrining
skr-intro =
    Skrining mandiri (menilai sendiri) ini memakai 14 ciri rumah tangga miskin dari BPS (Badan Pusat Statistik). Ada 14 pertanyaan. Pilih jawaban yang sesuai dengan keadaan rumah tangga Anda saat ini.

    Hasilnya hanya gambaran awal, bukan keputusan siapa yang menerima bantuan.
skr-question =
    Pertanyaan { $n }/{ $total }

    { $question }
skr-back = ◀ Kembali
skr-result = Hasil skrining: { $met } dari { $total } ciri rumah tangga miskin cocok dengan keadaan rumah tangga Anda. Disebut rumah tangga miskin bila cocok paling sedikit { $threshold } ciri.
skr-result-poor = Menurut kriteria BPS, rumah tangga Anda termasuk kategori miskin. Namun, ini belum berarti Anda pasti menerima bantuan. Petugas perlu memeriksa dulu lewat kunjungan ke rumah, dan keputusan penerima bantuan tetap ada di Kementerian Sosial.
skr-result-not-poor = Dari jawaban tadi, menurut kriteria BPS rumah tangga Anda belum termasuk kategori miskin. Bila keadaan sebenarnya lebih sulit daripada jawaban tadi, atau keadaan berubah nanti, Anda tetap boleh mengajukan usulan. Kunjungan petugas ke rumah untuk menilainya akan diupayakan.
usl-offer = Apakah Anda ingin mengajukan usulan? Kunjungan petugas PSM untuk memeriksa keadaan rumah tangga Anda akan diupayakan. Bila memenuhi kriteria, data Anda diusulkan masuk DTSEN.
usl-start = 📝 Ya, ajukan usulan
usl-no = Tidak, terima kasih
usl-declined = Baik, terima kasih telah mengisi skrining. Anda dapat mengisinya lagi kapan saja dengan mengetik /skrining.

## Usulan
usl-intro = Baik, mari kita isi usulannya. Ada beberapa pertanyaan singkat. Ketik /batal bila ingin berhenti.
usl-ask-name = Siapa nama lengkap kepala keluarga, sesuai KTP?
usl-ask-nik = Sekarang ketik NIK (16 angka) kepala keluarga tersebut, sesuai KTP.
usl-ask-kecamatan = Rumah Anda di kecamatan mana? Silakan pilih:
usl-ask-kelurahan = Rumah Anda di desa/kelurahan mana? Silakan pilih:
usl-other-kecamatan = ◀ Kecamatan lain
usl-ask-address = Tuliskan alamat rumah (nama kampung/dusun, jalan, gang, nomor rumah, atau patokan seperti "dekat masjid") agar petugas mudah menemukannya.
usl-address-invalid = Mohon maaf, alamat itu terlalu pendek atau terlalu panjang. Tuliskan alamat sepanjang 3 sampai 200 huruf.
usl-ask-rtrw = Rumah Anda di RT dan RW berapa? Contoh: 003/005 atau 3/5. Bila tidak tahu, cukup ketik tanda strip -
usl-rtrw-invalid = Mohon maaf, RT/RW itu belum dapat kami baca. Tuliskan dua angka seperti 003/005, atau ketik tanda strip - saja bila tidak tahu.
usl-ask-phone = Bila berkenan, bagikan nomor telepon Anda agar petugas dapat menghubungi Anda sebelum datang. Tekan tombol "Bagikan nomor telepon" di bawah, atau "Lewati".
usl-phone-share = 📱 Bagikan nomor telepon
usl-phone-skip = Lewati
usl-phone-not-own = Mohon bagikan nomor telepon Anda sendiri dengan tombol di bawah, atau tekan "Lewati".
usl-phone-invalid = Mohon maaf, nomor itu belum dapat kami baca. Tekan tombol "Bagikan nomor telepon", ketik nomor seperti 0812 3456 7890, atau tekan "Lewati".
usl-summary =
    Mohon periksa data usulan Anda:

    Nama kepala keluarga: { $name }
    NIK: { $nik }
    Wilayah: { $place }, Kecamatan { $kecamatan }
    Alamat: { $address }
    RT/RW: { $rt }/{ $rw }
    Telepon: { $phone }
    Hasil skrining: { $met } dari 14 ciri cocok
usl-confirm = Apakah data di atas sudah benar dan usulan boleh kami kirim?
usl-send = ✅ Ya, kirim usulan
usl-redo = ✏️ Isi ulang dari awal
usl-cancel = Batalkan
usl-cancelled = Baik, usulan dibatalkan dan tidak dikirim. Anda dapat mengajukannya lagi kapan saja lewat /skrining.
usl-done =
    Terima kasih. Usulan Anda sudah kami terima dengan nomor { $number }.

    Kunjungan petugas PSM (Pekerja Sosial Masyarakat) { $place } ke rumah Anda untuk memeriksa data diupayakan paling lambat { $due }. Setiap kali status usulan berubah, kami akan mengabari Anda di sini. Simpan nomor usulan ini bila ingin bertanya kepada TKSK atau kantor { $place }.

## Alasan penolakan baris impor KPM
import-reason-nik-missing = kolom NIK kosong
import-reason-nik-invalid = NIK tidak sah: { $why }
import-reason-name-missing = kolom nama kosong
import-reason-name-too-long = nama lebih dari 100 huruf
import-reason-kk-invalid = nomor KK kosong atau bukan 16 angka
import-reason-kelurahan-missing = kolom kelurahan kosong
import-reason-unknown-kelurahan = kelurahan "{ $value }" tidak dikenal (atau namanya dipakai lebih dari satu desa; gunakan kode Kemendagri)
import-reason-program-missing = kolom program kosong
import-reason-unknown-program = program "{ $value }" tidak dikenal
import-reason-bad-active = nilai aktif "{ $value }" tidak dikenal (gunakan ya atau tidak), dianggap aktif
import-reason-bad-kks = status KKS "{ $value }" tidak dikenal (gunakan aktif, belum_terdistribusi, bermasalah, atau tidak_ada), dibiarkan kosong
import-reason-bad-desil = desil "{ $value }" harus angka 1 sampai 10, dibiarkan kosong
import-reason-duplicate-nik = NIK yang sama sudah ada di baris { $first } dengan data berbeda
import-reason-kk-conflict = nomor KK yang sama di baris { $first } tercatat di kelurahan lain
