## /aduan and /status: complaints (aduan) and objections (sanggahan)

cmd-aduan = Sampaikan aduan atau sanggahan
cmd-status = Lihat perkembangan aduan

complaint-category-not_received = Terdaftar, tetapi belum pernah dapat
complaint-category-kks = Kartu KKS belum ada, hilang, rusak
complaint-category-short = Bansos belum cair atau kurang
complaint-category-ewarong = e-Warong: barang, harga, dimintai uang
complaint-category-objection = Sanggahan: bansos salah sasaran
complaint-category-data = Data salah (nama, alamat, keluarga)
complaint-category-recommendation = Minta surat rekomendasi berobat
complaint-category-rutilahu = Minta bantuan bedah rumah (Rutilahu)
complaint-category-other = Lainnya

complaint-status-new = Baru
complaint-status-in_progress = Sedang ditangani
complaint-status-resolved = Selesai
complaint-status-rejected = Tidak dapat diproses
complaint-status-reopened = Dibuka kembali

complaint-event-filed = Aduan diterima
complaint-event-taken = Ditangani petugas
complaint-event-assigned = Diserahkan ke PSM
complaint-event-resolved = Selesai
complaint-event-rejected = Tidak dapat diproses
complaint-event-reopened = Dibuka kembali oleh Anda
complaint-event-added = Anda menambah keterangan
complaint-event-escalated = Lewat batas waktu, diteruskan ke Dinas Sosial

## Filing
complaint-ask-category = 📝 Aduan baru. Tentang apa aduan Bapak/Ibu? Pilih salah satu:
complaint-cancel = Batal
complaint-cancelled = Aduan dibatalkan. Tidak ada yang dikirim.
complaint-ask-village = Di desa/kelurahan mana masalah ini terjadi?
complaint-other-village = Desa/kelurahan lain
complaint-ask-kecamatan = Pilih kecamatannya dulu:
complaint-ask-village-of = Pilih desa/kelurahannya:
complaint-other-kecamatan = ↩️ Kecamatan lain
complaint-ask-description = Ceritakan masalahnya dalam satu pesan: apa yang terjadi, sejak kapan, dan siapa orangnya (nama dan alamat, bila tahu).
complaint-description-short = Ceritanya masih terlalu singkat. Mohon tulis paling sedikit { $min } huruf.
complaint-description-long = Ceritanya { $length } huruf, sedangkan batasnya { $max } huruf. Mohon kirim versi yang lebih singkat, atau tekan tombol di bawah untuk memakai { $max } huruf pertama.
complaint-trim = ✂️ Potong, pakai { $max } huruf awal saja
complaint-text-please = Mohon tuliskan ceritanya dalam bentuk teks.
complaint-ask-photos = Bila ada, kirim foto pendukung (paling banyak { $max }). Bila tidak ada, tekan Lewati.
complaint-photo-received = Foto ke-{ $n } diterima (paling banyak { $max }). Kirim foto lain, atau tekan Lanjut.
complaint-no-photos = Lewati
complaint-photos-done = Lanjut
complaint-photos-full = Paling banyak { $max } foto. Tekan Lanjut untuk meneruskan.
complaint-photos-full-then-location = Foto sudah { $max }, jumlah paling banyak. Foto ini tidak kami simpan.
complaint-photo-please = Mohon kirim foto, atau tekan tombol di bawah bila sudah.
complaint-ask-location = Bila Bapak/Ibu sedang berada di tempat masalahnya (misalnya rumah yang dimaksud atau e-Warong), tekan 📍 Kirim lokasi. Bila tidak, tekan Lewati lokasi.
complaint-location-please = Mohon kirim lokasi dengan tombol di bawah, atau tekan Lewati lokasi.
complaint-location-received = Lokasi diterima.
complaint-location-skipped = Baik, tanpa lokasi.
complaint-ask-anonymous = Apakah nama Bapak/Ibu ingin dirahasiakan? Bila ya, petugas tidak akan melihat nama dan akun Telegram Bapak/Ibu. Kabar perkembangan tetap kami kirim ke sini. Cerita dan foto tetap dibaca petugas. Jangan tulis nama sendiri di cerita bila ingin dirahasiakan.
complaint-anonymous-yes = Ya, rahasiakan nama saya
complaint-anonymous-no = Tidak, nama saya boleh dilihat
complaint-use-buttons = Mohon pilih dengan tombol di bawah ini, atau ketik /batal untuk berhenti.
complaint-summary =
    Mohon periksa aduan Anda:

    Tentang: { $category }
    Tempat: { $place }
    Cerita: { $description }
    Foto: { $photos }
    Lokasi: { $location ->
        [yes] ada
       *[no] tidak ada
    }{ $anonymous ->
        [yes] {""}
    Nama: dirahasiakan
        [no] {""}
    Nama: tidak dirahasiakan
       *[none] {""}
    }

    Kirim sekarang?
complaint-send = ✅ Kirim aduan
complaint-redo = Isi ulang dari awal
complaint-filed =
    ✅ Aduan Anda sudah kami terima.
    Nomor aduan: { $ticket }. Simpan nomor ini.

    { $told }
complaint-filed-due = Kami usahakan aduan ini ditanggapi paling lambat { $due }. Lihat perkembangannya kapan saja dengan /status.
complaint-filed-later = Lihat perkembangannya kapan saja dengan /status.
complaint-told-tksk = TKSK Kecamatan { $kecamatan } sudah kami beri tahu.
complaint-told-dinsos = Dinas Sosial sudah kami beri tahu.
complaint-told-no-one = Saat ini belum ada petugas untuk wilayah ini di layanan Telegram, jadi tanggapannya bisa lebih lama. Aduan Anda tetap tercatat untuk Dinas Sosial. Bila mendesak, silakan datang ke kantor desa/kelurahan.

## /status
complaint-none = Belum ada aduan dari Anda. /status hanya untuk aduan; kabar usulan kami kirim langsung ke sini. Ketik /aduan untuk menyampaikan aduan.
complaint-list-title = Aduan Anda (terbaru di atas). Pilih untuk melihat perkembangannya:
complaint-not-found = Aduan { $ticket } tidak ditemukan. Periksa nomornya, atau ketik /status untuk melihat daftar aduan Anda.
complaint-not-yours = Aduan itu tidak ditemukan. Ketik /status untuk melihat daftar aduan Anda.
complaint-detail =
    { $ticket } – { $status }
    Tentang: { $category }
    Tempat: { $place }
    Diterima: { $filed }{ $open ->
        [yes] {""}
    Ditanggapi paling lambat: { $response_due }
    Selesai paling lambat: { $resolve_due }
       *[no] {""}
    }
complaint-history = Riwayat:
complaint-history-line = • { $when }: { $event }
complaint-add = ➕ Tambah keterangan atau foto
complaint-reopen = ↩️ Belum selesai? Buka kembali
complaint-ask-addition = Kirim keterangan tambahan atau foto untuk { $ticket }.
complaint-addition-please = Mohon kirim teks atau foto.
complaint-addition-long = Keterangannya terlalu panjang. Batasnya { $max } huruf, mohon persingkat.
complaint-added = Terima kasih, keterangan untuk { $ticket } sudah kami teruskan ke petugas.
complaint-ask-reopen = Mohon jelaskan mengapa masalah pada { $ticket } belum selesai.
complaint-reopen-reason-please = Mohon tuliskan alasannya dalam beberapa kata.
complaint-reopened = { $ticket } dibuka kembali. Petugas sudah kami beri tahu.
complaint-not-now = Aduan ini sudah berstatus "{ $status }", jadi langkah itu tidak bisa dilakukan lagi.
complaint-reopen-too-late = Aduan hanya bisa dibuka kembali dalam { $days } hari setelah selesai. Silakan kirim aduan baru dengan /aduan.

## Handlers (TKSK, PSM, Dinas Sosial)
complaint-anonymous-reporter = dirahasiakan
complaint-new-notice =
    📨 Aduan baru { $ticket }
    Tentang: { $category }
    Tempat: { $place }
    Pelapor: { $reporter }
    Foto: { $photos } · Lokasi: { $location ->
        [yes] ada
       *[no] tidak ada
    }

    { $description }

    Mohon tanggapi dengan tombol di bawah. Batas waktu tanggapan: { $response_due }. Batas waktu selesai: { $resolve_due }.
complaint-handed-notice =
    📨 Aduan { $ticket } diserahkan kepada Anda
    Tentang: { $category }
    Tempat: { $place }
    Pelapor: { $reporter }
    Foto: { $photos } · Lokasi: { $location ->
        [yes] ada
       *[no] tidak ada
    }

    { $description }

    Batas waktu selesai: { $resolve_due }.
complaint-photo-caption = Foto { $n } dari { $of } untuk { $ticket }
complaint-task-use-buttons = Tugas ini adalah aduan { $ticket }. Mohon tanggapi dengan tombol di bawah, agar pelapor mendapat kabar.
complaint-open-title = Aduan yang masih terbuka di wilayah Anda (terlama di atas):
complaint-open-none = Tidak ada aduan yang masih terbuka di wilayah Anda.
complaint-take = 🙋 Saya tangani
complaint-handout = 👥 Serahkan ke PSM
complaint-resolve = ✅ Selesai, beri catatan
complaint-reject = ❌ Tolak, beri alasan
complaint-taken = Baik, aduan { $ticket } sekarang Anda tangani. Pelapor sudah kami beri tahu.
complaint-no-psm = Belum ada PSM terdaftar di desa/kelurahan ini. Silakan tangani sendiri (🙋 Saya tangani), dan minta operator Dinas Sosial mengundang PSM untuk wilayah ini.
complaint-pick-psm = Serahkan { $ticket } kepada PSM:
complaint-handed = Aduan { $ticket } sudah diserahkan. PSM dan pelapor sudah kami beri tahu.
complaint-psm-not-here = PSM itu tidak bertugas di desa/kelurahan aduan ini.
complaint-ask-note = Tulis catatan penyelesaian untuk { $ticket }. Catatan ini akan dikirim kepada pelapor.
complaint-ask-reason = Tulis alasan penolakan { $ticket }. Alasan ini akan dikirim kepada pelapor.
complaint-note-please = Mohon tuliskan catatannya dalam beberapa kata.
complaint-reason-please = Mohon tuliskan alasannya dalam beberapa kata.
complaint-resolved = { $ticket } selesai. Pelapor sudah kami kirimi catatan Anda.
complaint-rejected = { $ticket } ditolak. Pelapor sudah kami kirimi alasannya.
complaint-reopened-notice =
    ↩️ Pelapor membuka kembali { $ticket }: masalahnya belum selesai.
    Alasan: { $note }
complaint-added-notice =
    ➕ Keterangan tambahan dari pelapor { $ticket }:
    { $note }
complaint-escalated-notice = ⚠️ Aduan { $ticket } sudah lewat batas waktu penyelesaian ({ $due }) dan belum selesai. Mohon ditindaklanjuti.

## What the reporter is told
complaint-update-taken = Aduan { $ticket } sudah diterima petugas dan sedang ditangani.
complaint-update-assigned = Aduan { $ticket } sedang ditangani PSM (Pekerja Sosial Masyarakat) di desa/kelurahan tersebut.
complaint-update-resolved =
    ✅ Aduan { $ticket } sudah selesai.
    Catatan petugas: { $note }

    Bila masalahnya belum beres, tekan tombol di bawah, pilih aduan ini, lalu "Buka kembali" (paling lambat { $days } hari lagi).
complaint-update-rejected =
    Mohon maaf, aduan { $ticket } tidak dapat kami tindak lanjuti.
    Alasan: { $note }

    Bila ada pertanyaan, hubungi TKSK di kecamatan Anda atau kantor desa/kelurahan.
complaint-see-status = Lihat aduan saya

import-reason-date-missing = kolom tanggal kosong
import-reason-holiday-name-missing = kolom keterangan kosong
import-reason-bad-date = tanggal "{ $value }" tidak sesuai format YYYY-MM-DD (contoh: 2026-12-25)
