# Pesan umum kesos-bot. Sapaan: Bapak/Ibu, Anda. Tanpa markup: teks dikirim apa adanya.

language-name = Bahasa Indonesia
language-choose = Silakan pilih bahasa yang Bapak/Ibu inginkan:
language-set = Baik, bot ini sekarang memakai Bahasa Indonesia.

start-welcome =
    Selamat datang, { $name }! 👋

    Ini layanan Dinas Sosial Kabupaten Karawang lewat Telegram. Di sini Anda dapat:
    • mengecek apakah keluarga Anda terdaftar sebagai penerima bantuan sosial (bansos),
    • menilai sendiri keadaan rumah tangga dengan 14 ciri rumah tangga miskin, lalu mengajukan usulan,
    • menyampaikan aduan atau sanggahan (/aduan),
    • melihat keterangan program bansos dan tempat bertanya.

    Silakan pilih menu di bawah ini.

menu-cek = 🔎 Cek penerima bansos
menu-skrining = 📝 Skrining mandiri
menu-info = ℹ️ Info program
menu-bantuan = ❓ Petunjuk
menu-bahasa = 🌐 Bahasa / Language

help-warga =
    Yang bisa Anda lakukan:

    /cek – cek apakah keluarga terdaftar penerima bansos (siapkan NIK dan nama sesuai KTP)
    /skrining – nilai keadaan rumah tangga, lalu ajukan usulan
    /info – program bansos dan tempat bertanya
    /aduan – sampaikan aduan atau sanggahan
    /status – perkembangan aduan Anda
    /bahasa – ganti bahasa
    /batal – hentikan proses
    /privasi – data yang kami simpan
    /hapusdata – hapus data Anda

    Ada kesulitan? Hubungi TKSK kecamatan Anda atau kantor desa/kelurahan.
help-psm =
    Perintah untuk PSM:

    /tugas – daftar tugas Anda yang masih terbuka
    /kunjungan – catat hasil kunjungan rumah
    /bantuan atau /petunjuk – petunjuk ini
    /batal – hentikan proses yang sedang berjalan

    Perintah warga (/cek, /skrining, /info) juga tetap bisa dipakai.
help-tksk =
    Perintah untuk TKSK:

    /tugas – daftar tugas Anda yang masih terbuka
    /tugaskan – serahkan tugas kepada PSM di kecamatan Anda
    /kunjungan – catat hasil kunjungan rumah
    /rekap – ringkasan wilayah Anda
    /siaran – kirim siaran kepada PSM di kecamatan Anda
    /bantuan atau /petunjuk – petunjuk ini
    /batal – hentikan proses yang sedang berjalan
help-dinsos =
    Perintah untuk operator Dinas Sosial:

    /rekap – ringkasan wilayah dan kemajuan verifikasi ulang
    /siklus – buka siklus verivali dua bulanan untuk desa/kelurahan atau kecamatan
    /siaran – kirim siaran kepada petugas atau warga
    /bantuan atau /petunjuk – petunjuk ini
    /batal – hentikan proses yang sedang berjalan

    Impor data, pendaftaran petugas, dan ekspor data dilakukan lewat perintah kesos-bot di server.

cancel-done = Baik, proses tadi sudah dibatalkan. Silakan pilih menu lagi bila perlu.
cancel-nothing = Saat ini tidak ada proses yang sedang berjalan. Silakan pilih menu di bawah ini.

privacy-text =
    Data yang kami simpan:

    • Akun Telegram dan bahasa Anda, untuk membalas.
    • NIK (saat /cek maupun usulan) tidak pernah disimpan utuh, hanya kode pengganti dan bentuk tersamar (3215**********01).
    • Isian usulan dan aduan, untuk petugas. Nama Anda tidak ditunjukkan bila aduan dirahasiakan.
    • Percakapan berjalan dan isi aduan, disimpan tersandi.
    • Desa/kelurahan dari /cek atau usulan terakhir, agar pengumuman untuk desa/kelurahan itu sampai.

    Dipakai oleh Dinas Sosial Kabupaten Karawang dan petugasnya (TKSK, PSM), sesuai UU 27/2022 tentang Pelindungan Data Pribadi. Hapus data akun: /hapusdata.

erase-confirm =
    Apakah Anda yakin ingin menghapus data Anda dari bot ini?

    Yang dihapus: akun, pilihan bahasa, dan percakapan yang sedang berjalan. Usulan dan aduan yang sudah dikirim tetap diproses petugas, tetapi tidak lagi terhubung dengan akun Telegram Anda, sehingga kabar perkembangannya tidak dapat kami kirimkan lagi.
erase-yes = Ya, hapus data saya
erase-no = Tidak jadi
erase-done = Data Anda sudah kami hapus. Terima kasih telah memakai layanan ini. Bila ingin memakainya lagi, cukup ketik /start.
erase-kept = Baik, data Anda tidak dihapus.
erase-worker-refused = Akun petugas tidak dapat dihapus sendiri. Silakan hubungi operator Dinas Sosial bila ingin berhenti.

button-stale = Tombol ini sudah tidak berlaku. Ketik /start untuk membuka menu.
unknown-command = Mohon maaf, perintah { $command } tidak dikenal. Ketik /bantuan untuk melihat daftar perintah, atau pilih menu di bawah ini.
unknown-text = Mohon maaf, kami belum memahami pesan itu. Silakan pilih menu di bawah ini.
unknown-media = Terima kasih. Saat ini kami hanya dapat membaca pesan teks dan tombol, belum dapat membaca foto, pesan suara, atau stiker. Silakan pilih menu di bawah ini.
error-internal = Mohon maaf, sedang ada gangguan pada sistem kami. Silakan coba kembali beberapa saat lagi.

role-refused-warga = Mohon maaf, perintah ini khusus untuk petugas (PSM, TKSK, dan Dinas Sosial). Ketik /bantuan untuk melihat perintah yang dapat Bapak/Ibu pakai.
role-refused = Mohon maaf, perintah ini bukan untuk peran Anda. Ketik /bantuan untuk melihat perintah yang dapat Anda pakai.
role-refused-short = Mohon maaf, tombol ini bukan untuk Anda.

cmd-start = Mulai dan menu utama
cmd-bantuan = Petunjuk dan daftar perintah
cmd-bahasa = Pilih bahasa
cmd-batal = Batalkan proses yang berjalan
cmd-privasi = Data yang disimpan dan alasannya
cmd-hapusdata = Hapus data saya
cmd-cek = Cek penerima bansos
cmd-skrining = Skrining mandiri 14 kriteria
cmd-info = Info program bansos
cmd-tugas = Tugas saya
cmd-kunjungan = Catat kunjungan rumah
cmd-tugaskan = Serahkan tugas ke PSM
cmd-rekap = Ringkasan wilayah

month-1 = Januari
month-2 = Februari
month-3 = Maret
month-4 = April
month-5 = Mei
month-6 = Juni
month-7 = Juli
month-8 = Agustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember
datetime-wib = { $date }, pukul { $time }
test-rupiah = Bantuan { RUPIAH($amount) } per bulan

import-row-rejected = Baris { $line }: { $reason }
import-summary = Ditambahkan: { $added }, diperbarui: { $updated }, tidak berubah: { $unchanged }, ditolak: { $rejected }
import-reason-missing-code = kolom kode kosong
import-reason-missing-name = kolom nama kosong
import-reason-bad-region-code = kode wilayah "{ $code }" tidak sesuai format Kemendagri (contoh: 32.15.01.1001)
import-reason-unknown-parent = wilayah induk { $code } belum terdaftar
import-reason-broken-row = baris rusak (jumlah kolom atau tanda kutip tidak sesuai)
import-reason-not-utf8 = teks bukan UTF-8 maupun Windows-1252: simpan ulang berkas dari Excel sebagai "CSV UTF-8", lalu impor lagi
import-reason-row-too-long = baris lebih dari { $max } karakter
import-reason-row-too-long-quote = baris lebih dari { $max } karakter, sampai baris { $last }: mungkin ada tanda kutip (") yang tidak ditutup
import-reason-store-failed = gagal disimpan ke basis data
import-file-changed = berkas berubah, atau tidak dapat dibaca lagi, saat sedang diimpor: silakan impor ulang
import-failed-nothing-changed = Impor dihentikan dan tidak ada data yang berubah di basis data
import-file-unreadable = berkas { $path } tidak dapat dibaca: { $error }
import-file-empty = berkas kosong
import-file-missing-columns = kolom berikut tidak ada di baris judul: { $columns }. Kolom yang ada: { $found }. Nama lain yang dikenali ada di `kesos-bot import … --help`
import-file-not-utf8 = baris judul bukan teks UTF-8 maupun Windows-1252: simpan ulang berkas sebagai "CSV UTF-8", lalu impor lagi
import-file-header-too-long = baris judul (nama kolom) lebih dari { $max } karakter: periksa apakah berkasnya benar
import-file-duplicate-column = kolom `{ $column }` muncul dua kali (kolom { $first } dan { $second }): hapus atau ganti nama salah satunya
cmd-siklus = Buka siklus verivali
unknown-command-plain = Mohon maaf, perintah itu tidak kami kenal. Ketik /bantuan untuk melihat daftar perintah, atau pilih menu di bawah ini.

## Operators' backup and key commands
cli-backup-done = Salinan basis data tersimpan di { $file }.
cli-backup-key-copied = Kunci rahasia ikut disalin ke { $file }. Simpan kedua berkas bersama: tanpa kuncinya, salinan itu tidak bisa dipakai.
cli-backup-key-elsewhere = Kunci rahasia tidak ikut disalin karena diberikan lewat KESOS_SECRET atau KESOS_SECRET_FILE: simpan kunci itu bersama salinan ini.
cli-backup-exists = { $file } (atau berkas kuncinya) sudah ada; pilih nama berkas lain.
cli-backup-postgres = Perintah backup hanya untuk SQLite. Untuk PostgreSQL gunakan pg_dump (lihat README).
cli-secret-moved = Kunci rahasia sudah dipindahkan ke { $file } dan dihapus dari basis data. Mulai sekarang jalankan dengan KESOS_SECRET_FILE={ $file }.
cli-secret-nothing-to-move = Basis data ini tidak menyimpan kunci rahasia; tidak ada yang perlu dipindahkan.
cli-secret-adopted = Nilai pemeriksa kunci rahasia sudah dicatat: mulai sekarang hanya kunci ini yang diterima untuk basis data ini.
cli-secret-already-checked = Basis data ini sudah mencatat nilai pemeriksa kuncinya, dan kunci yang diberikan cocok.

## Reports (kesos-bot report realisasi, /rekap)
report-title = Realisasi { $program } – { $area } – { $period }
report-col-kelurahan = Desa/Kelurahan
report-col-kuota = Kuota
report-col-realisasi = Realisasi
report-col-percent = %
report-col-gap = Selisih
report-total = Total
report-everywhere = semua wilayah
report-official-differs = Catatan: kuota resmi Kecamatan { $kecamatan } { $official }, sedangkan jumlah kuota desa/kelurahannya { $sum }.
report-series-title = Keluarga penerima per bulan:
cli-report-bad-period = Periode "{ $period }" tidak dikenal. Contoh: 2018-04..2018-08, 2019-01, atau 2019.
import-reason-bad-quota-period = periode "{ $value }" harus YYYY atau YYYY-MM (contoh: 2018 atau 2018-04)
import-reason-bad-quota = kuota "{ $value }" bukan bilangan bulat
import-reason-bad-month = periode "{ $value }" harus YYYY-MM (contoh: 2018-04)
import-reason-bad-received = nilai diterima "{ $value }" tidak dikenal (gunakan ya atau tidak)
import-reason-kk-not-kpm = nomor KK ini tidak terdaftar sebagai KPM
import-reason-nik-not-kpm = NIK ini tidak terdaftar sebagai anggota KPM
import-reason-nik-or-kk-missing = kolom nik dan no_kk kosong: isi salah satunya
import-reason-not-kpm-of-program = keluarga ini bukan KPM program { $program }
import-reason-contradicts = bertentangan dengan baris { $line } (keluarga, program, dan bulan yang sama)
chart-bars-title = Kuota dan realisasi – { $area } – { $period }
chart-line-title = Keluarga penerima per bulan – { $area } – { $period }
cli-report-png-needs-output = --format png menulis gambar ke berkas: tambahkan --output NAMA.png.
cli-report-png-written = Grafik tersimpan: { $files }
