# Pesan umum kesos-bot. Sapaan: Bapak/Ibu, Anda. Tanpa markup: teks dikirim apa adanya.

language-name = Bahasa Indonesia
language-choose = Silakan pilih bahasa yang Bapak/Ibu inginkan:
language-set = Baik, bot ini sekarang memakai Bahasa Indonesia.

start-welcome =
    Selamat datang, { $name }! 👋

    Ini layanan Dinas Sosial Kabupaten Karawang lewat Telegram. Di sini Bapak/Ibu dapat:
    • mengecek apakah keluarga Anda terdaftar sebagai penerima bansos,
    • menilai sendiri kondisi rumah tangga dengan 14 kriteria kemiskinan, lalu mengajukan usulan,
    • melihat informasi program bantuan sosial.

    Silakan pilih menu di bawah ini.

menu-cek = 🔎 Cek penerima bansos
menu-skrining = 📝 Skrining mandiri
menu-info = ℹ️ Info program
menu-bantuan = ❓ Bantuan
menu-bahasa = 🌐 Bahasa / Language

help-warga =
    Yang bisa Bapak/Ibu lakukan di sini:

    /cek – cek apakah keluarga Anda terdaftar sebagai penerima bansos (perlu NIK dan nama sesuai KTP)
    /skrining – nilai kondisi rumah tangga Anda dengan 14 kriteria, lalu ajukan usulan bila perlu
    /info – program bantuan sosial dan ke mana harus pergi
    /bahasa – ganti bahasa
    /batal – hentikan proses yang sedang berjalan
    /privasi – data apa yang kami simpan dan untuk apa
    /hapusdata – hapus data Anda dari bot ini

    Bila ada kesulitan, silakan hubungi TKSK di kecamatan Anda atau datang ke kantor kelurahan.
help-psm =
    Perintah untuk PSM:

    /tugas – daftar tugas Anda yang masih terbuka
    /kunjungan – catat hasil kunjungan rumah
    /bantuan – bantuan ini
    /batal – hentikan proses yang sedang berjalan

    Perintah warga (/cek, /skrining, /info) juga tetap bisa dipakai.
help-tksk =
    Perintah untuk TKSK:

    /tugas – daftar tugas Anda yang masih terbuka
    /tugaskan – serahkan tugas kepada PSM di kecamatan Anda
    /kunjungan – catat hasil kunjungan rumah
    /rekap – ringkasan wilayah Anda
    /batal – hentikan proses yang sedang berjalan
help-dinsos =
    Perintah untuk operator Dinas Sosial:

    /rekap – ringkasan wilayah dan kemajuan verifikasi ulang
    /siklus – buka siklus verivali dua bulanan untuk kelurahan atau kecamatan
    /batal – hentikan proses yang sedang berjalan

    Pengisian data, pendaftaran petugas, dan ekspor dilakukan lewat perintah kesos-bot di server.

cancel-done = Baik, proses tadi sudah dibatalkan. Silakan pilih menu lagi bila perlu.
cancel-nothing = Saat ini tidak ada proses yang sedang berjalan. Silakan pilih menu di bawah ini.

privacy-text =
    Data yang kami simpan dan alasannya:

    • Nomor akun Telegram dan pilihan bahasa Anda, agar bot dapat membalas pesan Anda.
    • Bila Anda memakai /cek: NIK tidak pernah disimpan utuh. Kami hanya menyimpan kode acak (hash) untuk mencocokkan data dan bentuk tersamar seperti 3215**********01.
    • Bila Anda mengajukan usulan: data yang Anda isi, untuk diverifikasi petugas (PSM/TKSK) dan Dinas Sosial.
    • Isi percakapan yang sedang berjalan, agar dapat dilanjutkan bila bot dimulai ulang.

    Data ini hanya dipakai untuk layanan kesejahteraan sosial oleh Dinas Sosial Kabupaten Karawang, sesuai UU Pelindungan Data Pribadi (UU 27/2022). Catatan percakapan dihapus setelah selesai; data akun disimpan selama Anda memakai layanan ini.

    Untuk menghapus data akun Anda, ketik /hapusdata.

erase-confirm =
    Apakah Bapak/Ibu yakin ingin menghapus data Anda dari bot ini?

    Yang dihapus: akun, pilihan bahasa, dan percakapan yang sedang berjalan. Usulan yang sudah dikirim tetap diproses petugas, tetapi tidak lagi terhubung dengan akun Telegram Anda.
erase-yes = Ya, hapus data saya
erase-no = Tidak jadi
erase-done = Data Anda sudah kami hapus. Terima kasih telah memakai layanan ini. Bila ingin memakai lagi, cukup ketik /start.
erase-kept = Baik, data Anda tidak dihapus.
erase-worker-refused = Akun petugas tidak dapat dihapus sendiri. Silakan hubungi operator Dinas Sosial bila ingin berhenti.

button-stale = Tombol ini sudah tidak berlaku. Ketik /start untuk membuka menu.
unknown-command = Maaf, perintah { $command } tidak dikenal. Ketik /bantuan untuk melihat perintah yang tersedia, atau pilih menu di bawah ini.
unknown-text = Maaf, saya belum memahami pesan itu. Silakan pilih menu di bawah ini.
unknown-media = Terima kasih. Saat ini saya hanya dapat membaca pesan teks dan tombol. Silakan pilih menu di bawah ini.
error-internal = Mohon maaf, sedang ada gangguan di sistem kami. Silakan coba lagi beberapa saat lagi.

role-refused-warga = Mohon maaf, perintah ini khusus untuk petugas (PSM, TKSK, dan Dinas Sosial). Ketik /bantuan untuk melihat perintah yang bisa Anda pakai.
role-refused = Mohon maaf, perintah ini bukan untuk peran Anda. Ketik /bantuan untuk melihat perintah Anda.
role-refused-short = Maaf, tombol ini bukan untuk Anda.

cmd-start = Mulai dan menu utama
cmd-bantuan = Bantuan dan daftar perintah
cmd-bahasa = Pilih bahasa
cmd-batal = Batalkan proses yang berjalan
cmd-privasi = Data yang disimpan dan alasannya
cmd-hapusdata = Hapus data saya
cmd-cek = Cek penerima bansos
cmd-skrining = Skrining mandiri 14 kriteria
cmd-info = Info program bantuan
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
import-reason-store-failed = gagal disimpan ke basis data
cmd-siklus = Buka siklus verivali
