## /aduan and /status: complaints (aduan) and objections (sanggahan)

cmd-aduan = Sampaikan aduan atau sanggahan
cmd-status = Lihat perkembangan aduan

complaint-category-not_received = Bantuan tidak diterima padahal terdaftar
complaint-category-kks = Kartu KKS belum diterima, hilang, atau rusak
complaint-category-short = Bantuan tidak masuk atau kurang
complaint-category-ewarong = Masalah e-Warong (barang, harga, pungutan)
complaint-category-objection = Sanggahan: penerima tidak tepat
complaint-category-data = Data pribadi salah (nama, alamat, anggota keluarga)
complaint-category-recommendation = Minta surat rekomendasi (biaya berobat, SKTM)
complaint-category-rutilahu = Minta bantuan Rutilahu (perbaikan rumah)
complaint-category-other = Lainnya

complaint-status-new = Baru
complaint-status-in_progress = Sedang ditangani
complaint-status-resolved = Selesai
complaint-status-rejected = Ditolak
complaint-status-reopened = Dibuka kembali

complaint-event-filed = Aduan diterima
complaint-event-taken = Ditangani TKSK
complaint-event-assigned = Diserahkan ke PSM
complaint-event-resolved = Selesai
complaint-event-rejected = Ditolak
complaint-event-reopened = Dibuka kembali oleh pelapor
complaint-event-added = Keterangan tambahan dari pelapor
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
complaint-ask-description = Ceritakan masalahnya dengan singkat: apa yang terjadi, sejak kapan, dan siapa yang terkait ({ $min } sampai { $max } huruf).
complaint-description-short = Ceritanya masih terlalu singkat. Mohon tulis paling sedikit { $min } huruf.
complaint-description-long = Ceritanya { $length } huruf, sedangkan batasnya { $max } huruf. Mohon kirim versi yang lebih singkat, atau tekan tombol di bawah untuk memakai { $max } huruf pertama.
complaint-trim = ✂️ Pakai { $max } huruf pertama
complaint-text-please = Mohon tuliskan ceritanya dalam bentuk teks.
complaint-ask-photos = Bila ada, kirim foto pendukung (paling banyak { $max }). Bila tidak ada, tekan Lewati.
complaint-photo-received = Foto { $n } dari { $max } diterima. Kirim foto lain, atau tekan Lanjut.
complaint-no-photos = Lewati
complaint-photos-done = Lanjut
complaint-photos-full = Paling banyak { $max } foto. Tekan Lanjut untuk meneruskan.
complaint-photos-full-then-location = Foto sudah { $max }, batas terbanyak; foto ini tidak kami simpan.
complaint-photo-please = Mohon kirim foto, atau tekan tombol di bawah bila sudah.
complaint-ask-location = Bila Bapak/Ibu berada di tempat kejadian, kirim lokasinya dengan tombol di bawah. Bila tidak, tekan Lewati lokasi.
complaint-location-please = Mohon kirim lokasi dengan tombol di bawah, atau tekan Lewati lokasi.
complaint-location-received = Lokasi diterima.
complaint-location-skipped = Baik, tanpa lokasi.
complaint-ask-anonymous = Apakah identitas Bapak/Ibu ingin dirahasiakan? Bila ya, petugas tidak akan melihat nama atau akun Telegram Anda, tetapi Anda tetap kami kabari perkembangannya.
complaint-anonymous-yes = Ya, rahasiakan identitas saya
complaint-anonymous-no = Tidak perlu
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
    Identitas: dirahasiakan
        [no] {""}
    Identitas: tidak dirahasiakan
       *[none] {""}
    }

    Kirim sekarang?
complaint-send = ✅ Kirim aduan
complaint-redo = Isi ulang dari awal
complaint-filed =
    ✅ Aduan Anda sudah kami terima.
    Nomor aduan: { $ticket }

    { $told }
    Tanggapan pertama diupayakan paling lambat { $due }. Lihat perkembangannya kapan saja dengan /status.
complaint-told-tksk = TKSK Kecamatan { $kecamatan } sudah kami beri tahu.
complaint-told-dinsos = Dinas Sosial sudah kami beri tahu.
complaint-told-no-one = Petugas untuk wilayah ini belum terdaftar di bot; aduan Anda tercatat dan akan ditangani Dinas Sosial.

## /status
complaint-none = Anda belum pernah mengirim aduan. Ketik /aduan untuk menyampaikannya.
complaint-list-title = Aduan Anda (terbaru di atas). Pilih untuk melihat perkembangannya:
complaint-not-found = Aduan { $ticket } tidak ditemukan. Periksa nomornya, atau ketik /status untuk melihat daftar aduan Anda.
complaint-not-yours = Aduan itu tidak ditemukan. Ketik /status untuk melihat daftar aduan Anda.
complaint-detail =
    { $ticket } – { $status }
    Tentang: { $category }
    Tempat: { $place }
    Diterima: { $filed }{ $open ->
        [yes] {""}
    Tanggapan pertama paling lambat: { $response_due }
    Selesai paling lambat: { $resolve_due }
       *[no] {""}
    }
complaint-history = Riwayat:
complaint-history-line = • { $when }: { $event }
complaint-add = ➕ Tambah keterangan atau foto
complaint-reopen = ↩️ Belum selesai? Buka kembali
complaint-ask-addition = Kirim keterangan tambahan atau foto untuk { $ticket }.
complaint-addition-please = Mohon kirim teks atau foto.
complaint-addition-long = Keterangannya terlalu panjang; batasnya { $max } huruf. Mohon persingkat.
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

    Tanggapan pertama paling lambat { $response_due }; selesai paling lambat { $resolve_due }.
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

    Selesai paling lambat { $resolve_due }.
complaint-photo-caption = Foto { $n } dari { $of } untuk { $ticket }
complaint-take = 🙋 Saya tangani
complaint-handout = 👥 Serahkan ke PSM
complaint-resolve = ✅ Selesai, beri catatan
complaint-reject = ❌ Tolak, beri alasan
complaint-taken = Aduan { $ticket } Anda tangani. Pelapor sudah kami beri tahu.
complaint-no-psm = Belum ada PSM terdaftar di desa/kelurahan ini. Bapak/Ibu bisa menanganinya sendiri.
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
complaint-escalated-notice = ⚠️ Aduan { $ticket } belum selesai melewati batas { $due }. Mohon ditindaklanjuti.

## What the reporter is told
complaint-update-taken = Aduan { $ticket } sedang ditangani TKSK.
complaint-update-assigned = Aduan { $ticket } sudah diserahkan kepada PSM di wilayah Anda dan sedang ditangani.
complaint-update-resolved =
    ✅ Aduan { $ticket } sudah selesai.
    Catatan petugas: { $note }

    Bila masalahnya belum selesai, buka kembali lewat /status dalam 14 hari.
complaint-update-rejected =
    Aduan { $ticket } tidak dapat ditindaklanjuti.
    Alasan: { $note }
complaint-see-status = Lihat aduan saya

import-reason-date-missing = kolom tanggal kosong
import-reason-holiday-name-missing = kolom keterangan kosong
import-reason-bad-date = tanggal "{ $value }" tidak sesuai format YYYY-MM-DD (contoh: 2026-12-25)
