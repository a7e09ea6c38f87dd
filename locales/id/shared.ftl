# Pesan yang dipakai bersama oleh alur warga dan alur petugas.

## 14 kriteria rumah tangga miskin BPS, sebagai pertanyaan ya/tidak.
criterion-1 = Apakah luas lantai rumah kurang dari 8 m² untuk setiap orang yang tinggal di dalamnya?
criterion-2 = Apakah lantai rumah dari tanah, bambu, atau kayu murahan?
criterion-3 = Apakah dinding rumah dari bambu, rumbia, kayu murahan, atau tembok tanpa plester?
criterion-4 = Apakah rumah tidak punya jamban sendiri (buang air besar menumpang atau bersama rumah tangga lain)?
criterion-5 = Apakah rumah tidak memakai listrik untuk penerangan?
criterion-6 = Apakah air minum berasal dari sumur atau mata air tak terlindung, sungai, atau air hujan?
criterion-7 = Apakah sehari-hari memasak dengan kayu bakar, arang, atau minyak tanah?
criterion-8 = Apakah keluarga hanya makan daging, ayam, atau susu paling banyak sekali seminggu?
criterion-9 = Apakah setiap anggota keluarga hanya membeli satu stel pakaian baru dalam setahun (atau tidak sama sekali)?
criterion-10 = Apakah keluarga hanya sanggup makan satu atau dua kali sehari?
criterion-11 = Apakah keluarga tidak sanggup membayar biaya berobat ke puskesmas atau poliklinik?
criterion-12 = Apakah penghasilan kepala keluarga di bawah Rp600.000 sebulan (misalnya buruh tani, nelayan, buruh bangunan, atau petani dengan lahan kurang dari 500 m²)?
criterion-13 = Apakah pendidikan terakhir kepala keluarga tidak sekolah, tidak tamat SD, atau hanya tamat SD?
criterion-14 = Apakah keluarga tidak punya tabungan atau barang yang mudah dijual senilai paling sedikit Rp500.000 (misalnya motor, emas, atau ternak)?

## Hasil kunjungan rumah, sesuai formulir verivali SIKS-NG.
visit-result-eligible = Ditemukan, masih layak
visit-result-able = Ditemukan, sudah mampu
visit-result-moved = Tidak ditemukan: pindah
visit-result-died = Tidak ditemukan: meninggal
visit-result-unknown = Tidak ditemukan: tidak diketahui
visit-result-duplicate = Data ganda

## Kabar perubahan status usulan untuk warga yang mengajukan.
proposal-notice-verifying = Kabar untuk usulan { $number }: usulan Bapak/Ibu sedang diverifikasi. Petugas PSM akan berkunjung ke rumah Anda dalam beberapa hari ke depan.
proposal-notice-eligible = Kabar untuk usulan { $number }: petugas sudah berkunjung, dan rumah tangga Bapak/Ibu dinilai memenuhi kriteria. Usulan diteruskan ke Dinas Sosial untuk dimasukkan ke data kesejahteraan sosial. Penetapan penerima bantuan tetap menjadi keputusan Kementerian Sosial; kami akan mengabari Anda lagi.
proposal-notice-not-eligible = Kabar untuk usulan { $number }: petugas sudah berkunjung, dan rumah tangga Bapak/Ibu dinilai belum memenuhi kriteria penerima bantuan. Bila ada pertanyaan, silakan hubungi TKSK di kecamatan Anda.
proposal-notice-not-found = Kabar untuk usulan { $number }: petugas belum dapat menemukan alamat yang Anda berikan. Silakan hubungi kantor kelurahan atau TKSK di kecamatan Anda agar kunjungan dapat dijadwalkan ulang.
proposal-notice-duplicate = Kabar untuk usulan { $number }: data rumah tangga Bapak/Ibu ternyata sudah tercatat, sehingga usulan ini tidak perlu diproses lagi. Ketik /cek untuk melihat data Anda.
