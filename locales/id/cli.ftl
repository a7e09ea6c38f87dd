# Pesan baris perintah untuk operator: wilayah (--area), ekspor, dan basis data.

## Wilayah (--area)
cli-area-not-found = Wilayah "{ $area }" tidak ditemukan. Tulis namanya (boleh dengan "Kab.", "Kec.", "Desa", atau "Kel.") atau kode Kemendagri, misalnya 32.15.01. Wilayah lain dapat dimuat dengan: kesos-bot import wilayah BERKAS
cli-area-ambiguous = Ada { $count } wilayah bernama "{ $area }". Tulis kode wilayah yang dimaksud:
cli-area-wrong-level = "{ $area }" bukan { $wanted }. Yang ditemukan:
cli-area-candidate = { $code }  { $name } ({ $level })
cli-area-candidate-in = { $code }  { $name } ({ $level }, Kec. { $kecamatan })
cli-area-more = … dan { $count } lainnya
cli-area-want-village = desa atau kelurahan
cli-area-want-kecamatan = kecamatan
cli-area-want-kabupaten = kabupaten
cli-area-want-cycle = kecamatan, desa, atau kelurahan
cli-area-want-any = wilayah

## Berkas dan ekspor
cli-cannot-write = Tidak dapat menulis { $file }: { $reason }

## Basis data yang tidak dapat dibuka
db-pg-refused = PostgreSQL di { $place } menolak sambungan: server tidak berjalan, atau nomor port di DATABASE_URL salah.
db-pg-no-answer = PostgreSQL di { $place } tidak menjawab dalam { $secs } detik. Periksa alamat server di DATABASE_URL, jaringan, dan firewall.
db-pg-unreachable = PostgreSQL di { $place } tidak dapat dihubungi: { $reason }
db-pg-rejected = PostgreSQL di { $place } menolak: { $reason }
db-sqlite-no-folder = Basis data SQLite { $path } tidak dapat dibuat: folder { $folder } tidak ada.
db-sqlite-not-a-folder = Basis data SQLite { $path } tidak dapat dibuat: { $folder } adalah berkas, bukan folder.
db-sqlite-is-a-folder = { $path } adalah folder. Tulis nama berkas basis datanya di DATABASE_URL, misalnya sqlite://{ $path }/kesos.db
db-sqlite-not-a-database = { $path } bukan basis data SQLite. Periksa DATABASE_URL.
db-sqlite-read-only = Basis data SQLite { $path } tidak dapat ditulis: berkas atau foldernya hanya-baca. Periksa izin aksesnya.
db-sqlite-cannot-open = Basis data SQLite { $path } tidak dapat dibuka atau dibuat. Periksa izin akses foldernya.
db-sqlite-other = Basis data SQLite { $path }: { $reason }
