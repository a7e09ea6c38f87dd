## /siaran: broadcasts (siaran sosialisasi) from Dinas Sosial and TKSK

cmd-siaran = Kirim siaran
broadcast-no-area = Mohon maaf, wilayah tugas Anda belum tercatat, jadi siaran belum bisa dikirim. Mohon hubungi operator Dinas Sosial.
broadcast-ask-audience = 📢 Siaran baru. Siaran ini untuk siapa?
broadcast-to-tksk = Semua TKSK
broadcast-to-psm = Semua PSM
broadcast-to-kecamatan = PSM & TKSK satu kecamatan
broadcast-to-residents = Warga satu desa/kelurahan
broadcast-to-my-psm = PSM Kecamatan { $area }
broadcast-mine = 📋 Siaran saya
broadcast-cancel = Batal
broadcast-cancelled = Siaran dibatalkan. Tidak ada yang dikirim.
broadcast-pick-kecamatan = Pilih kecamatan. Siaran akan dikirim ke PSM dan TKSK di sana.
broadcast-pick-kecamatan-residents = Pilih kecamatan tempat desa/kelurahan yang dituju.
broadcast-pick-village = Pilih desa/kelurahan di Kecamatan { $area }.

broadcast-audience-tksk = semua TKSK
broadcast-audience-tksk-in = TKSK Kecamatan { $area }
broadcast-audience-psm = semua PSM
broadcast-audience-tksk-all-in = semua TKSK di { $area }
broadcast-audience-psm-all-in = semua PSM di { $area }
broadcast-audience-psm-in = PSM Kecamatan { $area }
broadcast-audience-workers = PSM dan TKSK Kecamatan { $area }
broadcast-audience-residents = warga { $place ->
        [desa] Desa
       *[kelurahan] Kelurahan
    } { $area } yang pernah memakai bot ini

broadcast-ask-text =
    Siaran untuk { $audience }: { $count ->
       *[other] { $shown } penerima
    } saat ini.

    Sekarang kirim isi siarannya: teks (paling banyak { $max } huruf), atau foto/dokumen dengan keterangan.
broadcast-not-joined = Catatan: { $count } petugas di sini belum bergabung dengan bot, jadi belum bisa menerima siaran.
broadcast-text-too-long = Teksnya { $length } huruf, sedangkan batasnya { $max } huruf. Mohon persingkat, lalu kirim lagi.
broadcast-ask-text-again = Mohon kirim isi siaran berupa teks, foto, atau dokumen.
broadcast-ask-when = Kapan siaran ini dikirim?
broadcast-now = Kirim sekarang
broadcast-later = ⏰ Kirim nanti
broadcast-ask-time = Ketik jam kirim (WIB). Contoh: 08.00 (hari ini), atau 02/12/2026 08.00 (2 Desember 2026).
broadcast-time-unreadable = Mohon maaf, waktunya belum bisa kami baca. Contoh: 08.00, atau 02/12/2026 08.00 (2 Desember 2026).
broadcast-time-past = Waktu itu sudah lewat. Mohon ketik waktu yang akan datang.
broadcast-time-too-far = Siaran bisa dijadwalkan paling lama { $days } hari ke depan. Mohon ketik waktu yang lebih dekat.
broadcast-use-buttons = Mohon pilih dengan tombol pada pesan di atas, atau ketik /batal untuk berhenti.
broadcast-when-now = sekarang
broadcast-when-at = pada { $when }
broadcast-preview =
    ☝️ Seperti inilah siaran yang akan diterima.

    Untuk: { $audience }
    Penerima: { $shown } orang
    Waktu kirim: { $when }

    Sudah benar? Tekan ✅ Kirim.
broadcast-send = ✅ Kirim
broadcast-queued = Siaran #{ $id } tersimpan dan sedang dikirim ke { $count ->
       *[other] { $shown } penerima
    }.
broadcast-scheduled = Siaran #{ $id } tersimpan dan akan dikirim ke { $count ->
       *[other] { $shown } penerima
    } pada { $when }.

broadcast-list-empty = Anda belum pernah mengirim siaran.
broadcast-list-title = 📋 Siaran Anda yang terakhir:
broadcast-list-entry =
    #{ $id } · { $when } · { $audience }
    Terkirim { $sent } dari { $total } · antre { $queued } · gagal { $failed } · memblokir bot { $blocked } · tidak lagi menerima { $optedout } · dibaca { $read }
broadcast-list-scheduled =
    #{ $id } · dijadwalkan { $when } · { $audience }
    Menunggu waktu kirim: { $queued } penerima
broadcast-stop-one = ⏹ Hentikan siaran #{ $id }
broadcast-stopped = Siaran #{ $id } dihentikan: { $count } pesan tidak jadi dikirim.
broadcast-rekap-title = 📢 Siaran Anda:

## What recipients see
broadcast-from-dinsos = 📢 Siaran Dinas Sosial Kabupaten Karawang
broadcast-from-tksk = 📢 Siaran TKSK Kecamatan { $area }
broadcast-read = ✅ Saya sudah baca
broadcast-stop = 🔕 Berhenti terima siaran
broadcast-resume = 🔔 Terima siaran lagi
broadcast-scam-warning = Dinas Sosial tidak pernah meminta uang, PIN, atau kode OTP.
broadcast-read-thanks = Terima kasih, sudah kami catat.
broadcast-read-already = Sudah tercatat sebelumnya. Terima kasih.
broadcast-stopped-notices = Baik, Anda tidak akan menerima siaran lagi.
broadcast-stopped-notices-long = Baik, Anda tidak akan menerima siaran dari Dinas Sosial lagi. Kabar tentang usulan atau aduan Anda tetap kami kirim. Bila ingin menerima siaran lagi, tekan tombol di bawah ini.
broadcast-resumed = Baik, Anda akan menerima siaran lagi.

## kesos-bot broadcast (command line)
cli-broadcast-queued = Siaran #{ $id } tersimpan untuk { $count } penerima. Bot akan mengirimnya { $when } (bila bot sedang mati, begitu dinyalakan lagi).
cli-broadcast-none = Belum ada siaran.
cli-broadcast-unknown = Siaran #{ $id } tidak ada.
cli-broadcast-cannot-cancel = Siaran #{ $id } tidak ada, sudah dihentikan, atau dibuat lewat bot oleh petugas lain.
cli-broadcast-status = Penerima { $recipients }: antre { $queued }, terkirim { $sent }, gagal { $failed }, memblokir bot { $blocked }, tidak lagi menerima { $optedout }, dihentikan { $cancelled }; dibaca { $read }.
cli-broadcast-bad-audience = --audience harus psm, tksk, kecamatan:KODE atau kelurahan:KODE (misalnya kelurahan:32.15.01.1001).
cli-broadcast-not-utf8 = { $file } bukan teks UTF-8. Simpan ulang sebagai UTF-8, lalu coba lagi.
cli-broadcast-cannot-read = Tidak bisa membaca { $file }: { $error }
cli-broadcast-bad-length = Isi siaran { $length } huruf: harus ada isinya (atau foto/dokumen) dan paling banyak { $max } huruf.
cli-broadcast-file-size = { $file } kosong atau lebih besar dari { $mb } MB, batas Telegram untuk berkas ini.
cli-broadcast-bad-time = --at harus berbentuk "YYYY-MM-DD HH:MM" (WIB), misalnya "2026-12-24 08:00".
