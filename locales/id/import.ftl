## Impor CSV: berkas dari Excel, catatan per baris, dan bantuan `kesos-bot import … --help`.

import-file-utf16 = berkas ini teks UTF-16 ("Teks Unicode" dari Excel): simpan ulang sebagai "CSV UTF-8", lalu impor lagi
import-file-no-header = kolom berikut tidak ada di baris judul: { $columns }. Baris pertama tampaknya berisi data (ada nomor panjang), bukan nama kolom: tambahkan baris judul
import-note-cp1252 = Berkas ini bukan UTF-8: dibaca sebagai Windows-1252 (format "CSV" biasa dari Excel), { $count ->
       *[other] { $rows } baris
    } berisi huruf seperti é, mulai baris { $line }. Periksa ejaannya; lain kali simpan sebagai "CSV UTF-8".
import-note-mixed = Di berkas yang sama ada { $count ->
       *[other] { $rows } baris
    } yang sudah UTF-8 (baris { $lines }): dibaca sebagai UTF-8. Berkas ini mencampur dua pengodean; periksa ejaan nama di baris tersebut.
import-note-renamed = Kolom dibaca dari judul lain: { $list }
import-note-aside = Kolom "{ $header }" tidak dibaca: { $column } sudah dibaca dari kolom "{ $used }"
import-note-unread = Kolom yang tidak dibaca: { $list }
import-reason-nik-scientific = NIK tertulis "{ $value }": Excel mengubahnya menjadi angka dan angka belakangnya hilang. Format kolom NIK sebagai Teks, isi ulang NIK dari sumbernya, lalu impor lagi
import-reason-kk-scientific = nomor KK tertulis "{ $value }": Excel mengubahnya menjadi angka dan angka belakangnya hilang. Format kolom No. KK sebagai Teks, isi ulang dari sumbernya, lalu impor lagi
import-reason-bad-rt-rw = RT/RW "{ $value }" tidak dapat dibaca (contoh: 003/005), dibiarkan kosong
import-row-warned = Baris { $line } (dimuat): { $reason }
import-rejected-groups = { $count ->
       *[other] { $rows } baris
    } ditolak, menurut alasannya:
import-warned-groups = { $count ->
       *[other] { $rows } baris
    } dimuat dengan catatan, menurut catatannya:
import-group = - { $count ->
       *[other] { $rows } baris
    }: { $reason } (baris { $lines })
import-group-more-values = dan nilai lain
import-summary-warned = Dimuat dengan catatan: { $count ->
       *[other] { $rows } baris
    } (sudah termasuk dalam hitungan di atas)

import-help-columns = Kolom (urutan bebas; huruf besar/kecil, spasi, titik, garis miring, dan garis bawah tidak dibedakan):
import-help-required = wajib
import-help-optional = boleh tidak ada
import-help-also = juga dikenali
import-help-values = Isi yang dikenali:
import-help-numbers = 16 angka. Format kolomnya sebagai Teks di Excel: sebagai angka, Excel mengubahnya menjadi 3,21501E+15 dan angka belakangnya hilang
import-help-kelurahan = nama desa/kelurahan (boleh diawali "Desa" atau "Kelurahan") atau kode Kemendagri, misalnya 32.15.01.1001
import-help-programs-joined = beberapa program dalam satu sel dipisahkan dengan salah satu tanda ini: { $separators }
import-help-kks-other = isi lain: baris tetap dimuat, status KKS dikosongkan, dan dicatat di laporan
import-help-yes-no = ya: { $yes }; tidak: { $no }
import-help-active-other = kosong berarti ya; isi lain dianggap ya dan dicatat di laporan
import-help-desil = 1 sampai 10, juga "Desil 2" atau "D2"; isi lain: dikosongkan dan dicatat di laporan
import-help-rt-rw = RT dan RW dalam satu sel, misalnya 003/005 (dipakai bila kolom rt atau rw kosong)
import-help-nik-or-kk = salah satu (no_kk dipakai bila keduanya ada): 16 angka, kolom berformat Teks
import-help-month = YYYY-MM, misalnya 2026-04
import-help-quota-place = desa/kelurahan, atau kecamatan untuk total resminya (nama atau kode Kemendagri)
import-help-quota-period = YYYY atau YYYY-MM, misalnya 2026 atau 2026-04
import-help-quota = bilangan bulat, boleh dengan titik ribuan (8.220)
import-help-date = YYYY-MM-DD, misalnya 2026-12-25
import-help-region-code = kode Kemendagri bertitik, misalnya 32.15.01.1001; tingkat wilayah mengikuti kodenya
import-help-file = Berkas: CSV UTF-8, atau "CSV" biasa dari Excel (Windows-1252); pemisah koma, titik koma, atau tab; nama kolom di baris pertama.
