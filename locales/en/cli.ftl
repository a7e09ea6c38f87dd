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

## Files and exports
cli-cannot-write = Cannot write { $file }: { $reason }

## A database that cannot be opened
db-pg-refused = PostgreSQL at { $place } refused the connection: the server is not running, or the port in DATABASE_URL is wrong.
db-pg-no-answer = PostgreSQL at { $place } did not answer within { $secs } seconds. Check the server address in DATABASE_URL, the network and the firewall.
db-pg-unreachable = Cannot reach PostgreSQL at { $place }: { $reason }
db-pg-rejected = PostgreSQL at { $place } said no: { $reason }
db-sqlite-no-folder = Cannot create the SQLite database { $path }: the folder { $folder } does not exist.
db-sqlite-not-a-folder = Cannot create the SQLite database { $path }: { $folder } is a file, not a folder.
db-sqlite-is-a-folder = { $path } is a folder. Give the database's file name in DATABASE_URL, e.g. sqlite://{ $path }/kesos.db
db-sqlite-not-a-database = { $path } is not a SQLite database. Check DATABASE_URL.
db-sqlite-read-only = Cannot write the SQLite database { $path }: the file or its folder is read-only. Check its permissions.
db-sqlite-cannot-open = Cannot open or create the SQLite database { $path }. Check its folder's permissions.
db-sqlite-other = SQLite database { $path }: { $reason }
