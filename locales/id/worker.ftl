# Pesan untuk petugas lapangan (PSM, TKSK) dan operator Dinas Sosial.
# Jumlah: `{ $count -> *[other] { $shown } }` karena bahasa Indonesia tidak mengenal bentuk jamak;
# $shown adalah angkanya dengan pemisah ribuan (1.240), $count angka yang dipakai bahasa Inggris
# untuk memilih bentuk tunggal atau jamak.

## Jenis dan status tugas
task-kind-verify_proposal = Verifikasi usulan
task-kind-reverify_kpm = Verivali KPM
task-kind-complaint = Tindak lanjut aduan
task-kind-survey_recommendation = Survei rekomendasi
task-kind-survey_rutilahu = Survei Rutilahu
task-status-new = baru
task-status-assigned = sudah ada PSM
task-status-in_progress = sedang dikerjakan
task-status-done = selesai
task-status-cancelled = dibatalkan
role-name-psm = PSM
role-name-tksk = TKSK
role-name-dinsos = operator Dinas Sosial

## Pendaftaran petugas (/daftar)
enrol-ask-code = Silakan kirim kode undangan yang Anda terima dari Dinas Sosial (contoh: ABCDE-FGH23). Ketik /batal bila tidak jadi.
enrol-ask-code-text = Kode undangan berupa teks, misalnya ABCDE-FGH23. Silakan ketik kodenya, atau /batal bila tidak jadi.
enrol-done =
    Selamat bergabung, { $name }! ✅
    Akun Telegram ini sekarang terdaftar sebagai { $role } untuk wilayah { $areas }.

    Menu perintah Anda sudah diperbarui. Ketik /bantuan untuk melihat perintah petugas.
enrol-wrong = Maaf, kode undangan itu tidak kami kenali. Periksa kembali kodenya (huruf dan angka, tanpa O, I, L, 0, atau 1), lalu kirim /daftar KODE sekali lagi.
enrol-used = Maaf, kode undangan ini sudah pernah dipakai. Setiap kode hanya berlaku sekali. Bila Anda memerlukan kode baru, silakan hubungi operator Dinas Sosial.
enrol-expired = Maaf, kode undangan ini sudah kedaluwarsa (berlaku 72 jam). Silakan minta kode baru kepada operator Dinas Sosial.
enrol-locked = Demi keamanan, pendaftaran untuk akun ini dikunci sementara karena terlalu banyak kode yang salah. Silakan coba lagi setelah { $time }.
enrol-already = Akun Telegram ini sudah terdaftar sebagai petugas. Ketik /tugas untuk melihat tugas Anda.

## Daftar tugas (/tugas)
tasks-none = Saat ini tidak ada tugas terbuka untuk Anda. Terima kasih! 🙏
tasks-header = Tugas terbuka Anda: { $count ->
       *[other] { $shown }
    } (halaman { $page } dari { $pages }, urut batas waktu)
tasks-line =
    #{ $id } { $kind } · batas waktu { $due }
    🏠 { $subject }
tasks-hand-out-hint = Ada { $count ->
       *[other] { $shown }
    } tugas di kecamatan Anda yang belum diserahkan ke PSM. Ketik /tugaskan untuk membaginya.
tasks-prev = ◀ Sebelumnya
tasks-next = Berikutnya ▶
task-button = #{ $id } { $kind }
task-open-button = Lihat tugas
task-detail =
    Tugas #{ $id }: { $kind }
    { $details }
    Wilayah: { $area }
    Batas waktu: { $due }
    Status: { $status }
    Petugas: { $assignee }
task-details-proposal =
    Usulan { $number } atas nama { $name }
    Alamat: { $address }
    Skrining warga: { $met } dari 14 kriteria terpenuhi
task-details-household =
    Anggota keluarga: { $members }{ $more ->
        [0] {""}
       *[other] , dan { $more } orang lagi
    }
    No. KK: { $kk }
    Alamat: { $address }
task-details-none = Sasaran: { $subject }
task-no-due = tidak ada
task-unassigned = belum ada
task-visit-button = 📍 Catat kunjungan
task-hand-out-button = 👤 Serahkan ke PSM
task-not-yours = Maaf, tugas ini bukan tugas Anda.
task-not-found = Maaf, tugas #{ $id } tidak ditemukan atau bukan tugas Anda.
task-gone = Tugas ini sudah dialihkan ke petugas lain atau sudah selesai, jadi tidak dapat diproses lagi dari sini. Ketik /tugas untuk melihat tugas Anda saat ini.
task-bad-id = Nomor tugas harus berupa angka, misalnya /kunjungan 12.

## Menyerahkan tugas (/tugaskan)
handout-none = Semua tugas di kecamatan Anda sudah diserahkan ke PSM. Terima kasih!
handout-header = Tugas yang belum diserahkan: { $shown } (halaman { $page } dari { $pages }). Pilih tugas yang akan diserahkan:
handout-line =
    #{ $id } { $kind } · { $area } · batas waktu { $due }
    🏠 { $subject }
handout-choose-psm = Tugas #{ $id } ({ $kind }, { $area }). Pilih PSM yang akan mengerjakannya:
handout-no-psm = Belum ada PSM terdaftar untuk { $area }. Minta operator Dinas Sosial mengundang PSM untuk wilayah tersebut.
handout-not-open = Tugas ini sudah dikerjakan atau selesai, jadi tidak dapat diserahkan lagi.
handout-bad-psm = Maaf, PSM itu tidak bertugas di desa/kelurahan tugas ini.
handout-done = Tugas #{ $id } sudah diserahkan kepada { $name }. PSM tersebut langsung kami beri tahu.
task-assigned-notice =
    📋 Tugas baru untuk Anda: #{ $id } { $kind } ({ $subject }).
    Batas waktu: { $due }.
    Ketik /kunjungan { $id } saat Anda berada di lokasi.

## Kunjungan rumah (/kunjungan)
visit-choose-task = Pilih tugas yang akan Anda catat kunjungannya:
visit-no-tasks = Tidak ada tugas terbuka yang bisa dicatat kunjungannya. Ketik /tugas untuk melihat daftar tugas.
visit-start = Kunjungan untuk tugas #{ $id } ({ $kind }, { $subject }).
visit-ask-location = Langkah 1 dari 5: bagikan lokasi Anda sekarang dengan tombol "📍 Kirim lokasi" di bawah. Bila lokasi tidak dapat dibagikan, tekan "Lewati lokasi".
visit-location-button = 📍 Kirim lokasi
visit-location-skip = Lewati lokasi
visit-location-needed = Yang kami perlukan di langkah ini adalah lokasi. Tekan tombol "📍 Kirim lokasi" di bawah (pastikan GPS ponsel aktif), atau "Lewati lokasi" bila tidak bisa.
visit-location-bad = Lokasi itu tidak valid. Silakan kirim ulang lokasi dengan tombol di bawah.
visit-ask-skip-reason = Mengapa lokasi tidak dapat dibagikan? Tulis alasannya secara singkat (misalnya: GPS ponsel rusak, tidak ada sinyal).
visit-skip-reason-needed = Mohon tuliskan alasannya sebagai teks singkat (paling banyak 300 karakter).
visit-location-saved = Lokasi tersimpan ✅
visit-location-skipped = Baik, kunjungan dicatat tanpa lokasi.
visit-ask-result = Langkah 2 dari 5: bagaimana hasil kunjungan?
visit-use-buttons = Silakan pilih dengan tombol pada pesan di bawah ini.
visit-ask-criteria = Langkah 2 dari 5 (lanjutan): periksa 14 kriteria di rumah ini. ✅ berarti keadaan itu ADA di rumah ini, ❌ tidak ada. Tanda sudah diisi dari jawaban warga saat skrining; tekan yang berbeda, lalu "Selesai".
visit-criteria-done = Selesai ({ $met }/14 terpenuhi)
visit-ask-photo-required = Langkah 3 dari 5: kirim foto rumah (tampak depan). Foto wajib untuk tugas ini.
visit-ask-photo-optional = Langkah 3 dari 5: kirim foto rumah bila ada, atau tekan "Tanpa foto".
visit-photo-needed = Yang kami perlukan di langkah ini adalah foto rumah. Tekan ikon 📎 lalu pilih Kamera atau Galeri.
visit-no-photo = Tanpa foto
visit-ask-notes = Langkah 4 dari 5: tulis catatan kunjungan (paling banyak 1000 karakter), atau tekan "Tanpa catatan".
visit-notes-too-long = Catatan terlalu panjang ({ $length } karakter). Mohon ringkas menjadi paling banyak 1000 karakter, lalu kirim lagi.
visit-notes-needed = Catatan berupa teks. Silakan ketik catatannya, atau tekan "Tanpa catatan".
visit-no-notes = Tanpa catatan
visit-summary =
    Langkah 5 dari 5: periksa ringkasan kunjungan sebelum disimpan.

    Tugas: #{ $id } { $kind }
    Lokasi: { $location }
    Hasil: { $result }
    { $criteria }
    Foto: { $photo }
    Catatan: { $notes }
visit-summary-criteria = Kriteria terpenuhi: { $met } dari 14
visit-summary-no-criteria = Kriteria: -
visit-summary-skipped = tidak dibagikan ({ $reason })
visit-summary-photo-yes = ada
visit-summary-photo-no = tidak ada
visit-summary-notes-none = -
visit-save = ✅ Simpan
visit-cancel = ✖ Batalkan
visit-saved = Terima kasih, kunjungan untuk tugas #{ $id } sudah tersimpan ✅ TKSK Anda sudah kami beri tahu. Ketik /tugas untuk tugas berikutnya.
visit-saved-no-tksk = Terima kasih, kunjungan untuk tugas #{ $id } sudah tersimpan ✅ TKSK kecamatan Anda belum terdaftar di bot ini, jadi belum ada yang kami beri tahu; Dinas Sosial tetap dapat melihatnya. Ketik /tugas untuk tugas berikutnya.
visit-saved-own = Terima kasih, kunjungan untuk tugas #{ $id } sudah tersimpan ✅ Ketik /tugas untuk tugas berikutnya.
visit-already-saved = Kunjungan untuk tugas #{ $id } sudah tersimpan sebelumnya. Tidak ada yang berubah.
visit-cancelled = Pencatatan kunjungan dibatalkan. Tugas tetap terbuka; ketik /kunjungan { $id } untuk mengulang.
visit-button-stale = Tombol ini dari langkah yang sudah lewat. Silakan lanjutkan dari pesan terakhir.
visit-logged-notice = 📍 { $name } mencatat kunjungan untuk tugas #{ $id } ({ $kind }, { $subject }): { $result }.

## Verivali dua bulanan (/siklus, /rekap)
cycle-ask-area = Untuk wilayah mana siklus verivali dibuka? Kirim kode atau nama desa/kelurahan atau kecamatan, bisa diikuti periode (contoh: 32.15.01 2026-11).
cycle-bad-area = Wilayah "{ $area }" tidak kami temukan, atau bukan desa/kelurahan atau kecamatan di wilayah Anda. Gunakan kode Kemendagri, misalnya 32.15.01.
cycle-bad-period = Periode "{ $period }" tidak sesuai. Gunakan format TTTT-BB, misalnya 2026-11.
cycle-opened =
    Siklus verivali { $period } untuk { $area } sudah dibuka ✅
    Rumah tangga KPM aktif: { $households }
    Tugas baru: { $created } (belum ada PSM: { $unassigned })
    Batas waktu: { $due }
cycle-nothing-new = Siklus verivali { $period } untuk { $area } sudah dibuka sebelumnya; tidak ada tugas baru yang dibuat.
cycle-opened-notice = 📋 Siklus verivali baru: { $count ->
       *[other] { $shown }
    } rumah tangga KPM perlu Anda kunjungi ulang paling lambat { $due }. Ketik /tugas untuk melihatnya.
period-label = { $from }–{ $to } { $year }
rekap-header =
    Rekap verivali { $period } – { $area }
    Selesai: { $done } dari { $total } ({ $percent }%)
    Masih terbuka: { $open } (belum diserahkan: { $unassigned }, lewat batas: { $overdue })
rekap-group = • { $area }: { $done }/{ $total }
rekap-results = Hasil kunjungan:
rekap-result = • { $result }: { $shown }

## Pengingat harian
reminder-body =
    Selamat pagi! 🌅 Pengingat tugas hari ini:
    • batas waktunya hari ini: { $today }
    • sudah lewat batas waktu: { $overdue }
    Ketik /tugas untuk melihat daftarnya.
reminder-task = #{ $id } { $kind } (batas waktu { $due }): { $label }
reminder-more = …dan { $count } tugas lainnya.
reminder-complaints = ⚠️ Aduan yang lewat batas waktu: { $complaints }. Mohon segera ditanggapi.

## Pencabutan akses
worker-tasks-returned = { $count ->
       *[other] { $shown }
    } tugas dari { $name } dikembalikan kepada Anda karena akses petugas tersebut sudah diakhiri. Ketik /tugaskan untuk menyerahkannya ke PSM lain.
worker-revoked-notice = Akses petugas Anda di bot ini sudah diakhiri oleh Dinas Sosial. Terima kasih atas pengabdian Anda. Perintah warga tetap bisa dipakai.

## Perintah server (operator)
cli-invite-done =
    Kode undangan untuk { $name } ({ $role }, { $areas }): { $code }
    Berlaku sampai { $until }. Kirimkan kode ini secara pribadi; petugas mengetik /daftar { $code } di bot.
cli-invite-bad-role = Peran harus psm, tksk, atau dinsos.
cli-invite-no-name = Nama petugas harus diisi (--name).
cli-invite-unknown-area = Wilayah "{ $area }" tidak ditemukan pada tingkat yang sesuai dengan peran ini.
cli-invite-wrong-areas = Peran { $role } memerlukan { $what }.
cli-list-header = id | peran | nama | wilayah | status | tugas terbuka
cli-list-enrolled = aktif
cli-list-pending = menunggu /daftar
cli-list-revoked = dicabut
cli-list-empty = Belum ada petugas.
cli-revoke-done = Akses petugas { $id } sudah diakhiri. { $returned } tugas terbuka dikembalikan ke TKSK.
cli-revoke-not-found = Petugas { $id } tidak ditemukan.
cli-revoke-already = Akses petugas { $id } sudah diakhiri sebelumnya.

## /rekap: realisasi and the four effectiveness indicators
rekap-title = 📊 Rekap { $area }
rekap-realisasi-none = Realisasi BPNT: belum ada data penyaluran untuk wilayah ini (dimuat operator dengan kesos-bot import penyaluran).
rekap-realisasi-title = Realisasi BPNT { $period }:
rekap-of = { $done } dari { $kuota } ({ $percent })
rekap-no-quota = (Kuota untuk periode ini belum dimuat.)
rekap-realisasi-total = Total: { $total }
rekap-share = { $part } dari { $whole } ({ $percent })
rekap-no-data = belum ada data
rekap-indicators =
    Indikator efektivitas:
    1. Ketepatan sasaran: { $target }
    2. Sosialisasi: { $outreach }
    3. Tujuan program: { $purpose }
    4. Pemantauan: { $monitoring }
rekap-ind-quota = realisasi terhadap kuota { $share }
rekap-ind-reverified = keluarga yang diverifikasi ulang dan masih layak { $share }
rekap-ind-proposals = usulan yang diverifikasi dan layak { $share }
rekap-ind-sent = siaran terkirim { $share }
rekap-ind-read = dibaca { $share }
rekap-ind-in-time = aduan selesai tepat waktu { $share }
rekap-ind-median = rata-rata tengah (median) { $days } hari sampai selesai
rekap-ind-graduated = { $count } keluarga sudah mampu (graduasi)
rekap-ind-cycle = rumah yang sudah dikunjungi pada siklus verivali terakhir { $share }
rekap-ind-overdue = { $count } tugas lewat batas waktu
rekap-csv = 📄 Tabel realisasi (CSV)
rekap-csv-caption = Realisasi BPNT { $period }
