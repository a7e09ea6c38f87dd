# Pesan yang dipakai bersama oleh alur warga dan alur petugas.

## 14 kriteria rumah tangga miskin BPS, sebagai pertanyaan ya/tidak.
criterion-1 = Apakah luas lantai rumah kurang dari 8 m² untuk setiap orang yang tinggal di dalamnya? (Contoh: rumah 30 m² dihuni 5 orang, berarti 6 m² per orang.)
criterion-2 = Apakah lantai rumah dari tanah, bambu, atau kayu murahan?
criterion-3 = Apakah dinding rumah dari bambu, rumbia, kayu murahan, atau tembok yang belum diplester?
criterion-4 = Apakah rumah tidak punya jamban (WC) sendiri, sehingga buang air besar menumpang ke tetangga atau memakai jamban bersama/umum?
criterion-5 = Apakah rumah belum memakai listrik untuk penerangan (misalnya masih memakai lampu minyak)?
criterion-6 = Apakah air minum diambil dari sumur atau mata air yang tidak terlindung, dari sungai, atau dari air hujan?
criterion-7 = Apakah sehari-hari memasak dengan kayu bakar, arang, atau minyak tanah?
criterion-8 = Apakah keluarga makan daging atau ayam, atau minum susu, paling banyak hanya sekali seminggu?
criterion-9 = Apakah dalam setahun setiap anggota keluarga hanya mampu membeli satu setel pakaian baru, atau tidak sama sekali?
criterion-10 = Apakah keluarga hanya sanggup makan satu atau dua kali sehari?
criterion-11 = Apakah keluarga tidak sanggup membayar biaya berobat ke puskesmas atau klinik?
criterion-12 = Apakah penghasilan kepala keluarga kurang dari Rp600.000 sebulan (misalnya sebagai buruh tani, nelayan, buruh bangunan, atau petani dengan sawah/lahan kurang dari 500 m²)?
criterion-13 = Apakah kepala keluarga tidak pernah sekolah, tidak tamat SD, atau hanya tamat SD?
criterion-14 = Apakah keluarga tidak punya tabungan atau barang berharga yang mudah dijual senilai Rp500.000 atau lebih (misalnya motor, emas, atau ternak)?

## Hasil kunjungan rumah, sesuai formulir verivali SIKS-NG.
visit-result-eligible = Ditemukan, masih layak
visit-result-able = Ditemukan, sudah mampu
visit-result-moved = Tidak ditemukan: pindah
visit-result-died = Tidak ditemukan: meninggal
visit-result-unknown = Tidak ditemukan: tidak diketahui
visit-result-duplicate = Data ganda

## Kabar perubahan status usulan untuk warga yang mengajukan.
proposal-notice-verifying = Kabar untuk usulan { $number }: usulan Bapak/Ibu sedang diverifikasi (diperiksa). Petugas PSM akan datang ke rumah Anda dalam beberapa hari ke depan. Mohon siapkan KTP dan Kartu Keluarga.
proposal-notice-eligible = Kabar untuk usulan { $number }: petugas sudah berkunjung, dan rumah tangga Bapak/Ibu dinilai memenuhi kriteria. Usulan ini diteruskan ke Dinas Sosial untuk diajukan masuk ke data kesejahteraan sosial (DTKS/DTSEN). Namun, keputusan siapa yang menerima bantuan tetap ada di Kementerian Sosial dan dapat memakan waktu. Silakan cek secara berkala lewat /cek, atau tanyakan kepada TKSK di kecamatan Anda.
proposal-notice-not-eligible = Kabar untuk usulan { $number }: petugas sudah berkunjung, dan rumah tangga Bapak/Ibu dinilai belum memenuhi kriteria penerima bantuan. Bila keadaan keluarga berubah, Bapak/Ibu dapat mengisi /skrining lagi dan mengajukan usulan baru. Bila ada pertanyaan, silakan hubungi TKSK di kecamatan Anda.
proposal-notice-not-found = Kabar untuk usulan { $number }: petugas belum dapat menemukan alamat yang Anda berikan. Silakan hubungi kantor desa/kelurahan atau TKSK di kecamatan Anda agar kunjungan dapat dijadwalkan ulang.
proposal-notice-duplicate = Kabar untuk usulan { $number }: data rumah tangga Bapak/Ibu ternyata sudah tercatat sebelumnya, sehingga usulan ini tidak perlu diproses lagi. Ketik /cek untuk melihat data Anda, atau tanyakan kepada TKSK di kecamatan Anda bila ada pertanyaan.
