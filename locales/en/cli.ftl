# Command-line messages for operators: areas (--area), exports, and the database.

## Areas (--area)
cli-area-not-found = No area "{ $area }" was found. Give its name (a word such as "Kab.", "Kec.", "Desa" or "Kel." before it is fine) or its Kemendagri code, e.g. 32.15.01. More areas can be loaded with: kesos-bot import wilayah FILE
cli-area-ambiguous = { $count } areas are called "{ $area }". Give the code of the one you mean:
cli-area-wrong-level = "{ $area }" is not a { $wanted }. Found:
cli-area-candidate = { $code }  { $name } ({ $level })
cli-area-candidate-in = { $code }  { $name } ({ $level }, Kec. { $kecamatan })
cli-area-more = … and { $count } more
cli-area-want-village = desa or kelurahan
cli-area-want-kecamatan = kecamatan
cli-area-want-kabupaten = kabupaten
cli-area-want-cycle = kecamatan, desa or kelurahan
cli-area-want-any = region
