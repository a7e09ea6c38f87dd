# Pesan yang dipakai bersama oleh alur warga dan alur petugas.

## 14 kriteria rumah tangga miskin BPS. Setiap pertanyaan dijawab dengan tombol yang
## menyebut jawabannya: -met berarti kriteria terpenuhi, -unmet tidak; -short untuk tombol
## di layar kunjungan (pendek, muat di layar ponsel).
criterion-1 = Berapa luas lantai rumah untuk setiap orang yang tinggal di dalamnya? (Contoh: rumah 5 × 6 meter = 30 meter persegi, dihuni 5 orang, berarti 6 meter persegi per orang.)
criterion-1-met = Kurang dari 8 m² per orang
criterion-1-unmet = 8 m² per orang atau lebih
criterion-1-short = Lantai < 8 m²/orang
criterion-2 = Lantai rumah sebagian besar terbuat dari apa?
criterion-2-met = Tanah, bambu, atau papan/kayu jelek
criterion-2-unmet = Keramik, ubin, semen, atau kayu bagus
criterion-2-short = Lantai tanah/bambu/papan
criterion-3 = Dinding rumah sebagian besar terbuat dari apa?
criterion-3-met = Bilik/bambu, papan jelek, atau tembok bata belum diplester
criterion-3-unmet = Tembok diplester, atau kayu bagus
criterion-3-short = Dinding bilik/tak plester
criterion-4 = Apakah rumah punya jamban (WC) sendiri?
criterion-4-met = Tidak punya sendiri (numpang tetangga, WC umum, atau ke kali/empang)
criterion-4-unmet = Punya WC sendiri
criterion-4-short = Tak punya WC sendiri
criterion-5 = Lampu di rumah sehari-hari pakai apa?
criterion-5-met = Bukan listrik (misalnya lampu minyak)
criterion-5-unmet = Listrik
criterion-5-short = Tanpa listrik
criterion-6 = Dari mana air minum sehari-hari?
criterion-6-met = Sumur gali terbuka (tanpa bibir tembok/tutup), mata air terbuka, sungai, atau air hujan
criterion-6-unmet = Galon/isi ulang, PAM, sumur bor/pompa, atau sumur bertembok dan bertutup
criterion-6-short = Air minum sumur terbuka/kali
criterion-7 = Sehari-hari memasak dengan apa?
criterion-7-met = Kayu bakar, arang, atau minyak tanah
criterion-7-unmet = Gas elpiji atau listrik
criterion-7-short = Masak kayu/arang/minyak
criterion-8 = Seberapa sering keluarga makan daging atau ayam, atau minum susu? (Telur dan ikan tidak dihitung.)
criterion-8-met = Seminggu sekali atau kurang
criterion-8-unmet = Lebih dari sekali seminggu
criterion-8-short = Daging/susu ≤ 1×/minggu
criterion-9 = Dalam setahun, biasanya tiap anggota keluarga dibelikan berapa stel baju baru? (Misalnya baju Lebaran.)
criterion-9-met = Satu setel, atau tidak sama sekali
criterion-9-unmet = Lebih dari satu setel
criterion-9-short = Baju baru ≤ 1 setel/tahun
criterion-10 = Dalam sehari, keluarga biasanya sanggup makan berapa kali?
criterion-10-met = Satu atau dua kali
criterion-10-unmet = Tiga kali atau lebih
criterion-10-short = Makan 1–2×/hari
criterion-11 = Kalau ada yang sakit, sanggupkah keluarga membayar sendiri biaya berobat di puskesmas atau klinik, seandainya tidak ada BPJS/KIS gratis?
criterion-11-met = Tidak sanggup membayar
criterion-11-unmet = Sanggup membayar
criterion-11-short = Tak sanggup berobat
criterion-12 = Kira-kira berapa penghasilan kepala keluarga sebulan? Bila kerjanya harian atau tidak tetap (buruh tani, kuli bangunan, nelayan), hitung rata-ratanya.
criterion-12-met = Kurang dari Rp600.000 sebulan (± Rp20.000 sehari)
criterion-12-unmet = Rp600.000 atau lebih
criterion-12-short = Penghasilan < Rp600.000
criterion-13 = Apa pendidikan terakhir kepala keluarga?
criterion-13-met = Tidak sekolah, SD/MI atau Paket A, atau SMP tidak tamat
criterion-13-unmet = Tamat SMP/MTs/Paket B atau lebih tinggi
criterion-13-short = Kepala keluarga ≤ SD
criterion-14 = Apakah keluarga punya tabungan atau barang yang mudah dijual senilai Rp500.000 atau lebih (misalnya motor, emas, atau ternak; motor yang masih kredit juga dihitung)?
criterion-14-met = Tidak punya
criterion-14-unmet = Punya
criterion-14-short = Tabungan/barang < Rp500rb

## Hasil kunjungan rumah, sesuai formulir verivali SIKS-NG.
visit-result-eligible = Ditemukan, layak
visit-result-able = Ditemukan, sudah mampu
visit-result-moved = Tidak ditemukan: pindah
visit-result-died = Tidak ditemukan: meninggal
visit-result-unknown = Tidak ditemukan: keberadaan tidak diketahui
visit-result-duplicate = Data ganda

## Kabar perubahan status usulan untuk warga yang mengajukan.
proposal-notice-verifying = Kabar untuk usulan { $number }: usulan Anda sedang diverifikasi (diperiksa). Kunjungan petugas PSM ke rumah Anda diupayakan sebelum tanggal yang kami sebutkan saat usulan dikirim. Mohon siapkan KTP dan Kartu Keluarga.
proposal-notice-eligible = Kabar untuk usulan { $number }: petugas sudah berkunjung, dan rumah tangga Anda dinilai memenuhi kriteria. Usulan ini diteruskan ke Dinas Sosial untuk diajukan masuk ke DTSEN (dulu DTKS). Keputusan siapa yang menerima bantuan tetap ada di Kementerian Sosial dan dapat memakan waktu. Cek secara berkala lewat /cek, atau tanyakan kepada TKSK di kecamatan Anda.
proposal-notice-not-eligible = Kabar untuk usulan { $number }: petugas sudah berkunjung, dan rumah tangga Anda dinilai belum memenuhi kriteria penerima bantuan. Bila keadaan keluarga berubah, Anda dapat mengisi /skrining lagi dan mengajukan usulan baru. Bila ada pertanyaan, silakan hubungi TKSK di kecamatan Anda.
proposal-notice-not-found = Kabar untuk usulan { $number }: petugas belum dapat menemukan alamat yang Anda berikan. Silakan hubungi kantor desa/kelurahan atau TKSK di kecamatan Anda agar kunjungan dapat dijadwalkan ulang.
proposal-notice-moved = Kabar untuk usulan { $number }: menurut petugas yang berkunjung, keluarga yang diusulkan sudah tidak tinggal di alamat itu. Bila Anda pindah, silakan isi /skrining lagi dan ajukan usulan dengan alamat yang baru. Bila ini keliru, kirim /aduan atau hubungi TKSK di kecamatan Anda.
proposal-notice-closed = Kabar untuk usulan { $number }: kunjungan petugas sudah dicatat, dan usulan ini tidak dapat dilanjutkan. Bila ada pertanyaan, silakan hubungi TKSK di kecamatan Anda.
proposal-notice-duplicate = Kabar untuk usulan { $number }: rumah tangga Anda ternyata sudah tercatat di data sosial, jadi tidak perlu diusulkan dua kali. Tercatat belum tentu menerima bantuan; bila ada pertanyaan, tanyakan kepada TKSK di kecamatan Anda.

## Nama tempat: desa atau kelurahan menurut kode Kemendagri (1xxx kelurahan, 2xxx desa).
place = { $level ->
        [provinsi] Provinsi { $name }
        [kabupaten] Kabupaten { $name }
        [kota] Kota { $name }
        [kecamatan] Kecamatan { $name }
        [desa] Desa { $name }
       *[kelurahan] Kelurahan { $name }
    }
