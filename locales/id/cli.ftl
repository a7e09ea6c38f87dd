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
