//! The columns each import reads, by the names operators give them.
//!
//! A column has one canonical name (the one the contract with Dinas Sosial fixes: `nik`,
//! `no_kk`, `kelurahan`…) and the other names people write for it in Excel ("NIK KTP", "No. KK",
//! "Desa/Kelurahan"). Header cells are compared after [`normalise`]: case, spaces, dots,
//! slashes, hyphens and underscores do not count, so `no_kk`, "No. KK", "NO KK" and "No-KK" are
//! one name. When several header cells name the same column, the canonical name wins over the
//! other names and an earlier name in [`Column::names`] over a later one; two cells of the same
//! rank refuse the file (which one holds the data cannot be guessed). The import says which
//! columns it read under another name, which it left aside, and which it did not read.

use super::report::Reason;
use super::shown;
use super::table::FileFault;
use std::collections::HashMap;

/// A column an import reads: its canonical name (what the code asks a row for), then the other
/// names it is known by, best first, as operators write them (the help shows them so).
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

impl Column {
    /// Every name of the column, the canonical one first.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }

    /// How well a header cell names this column: 0 for the canonical name, then the place of
    /// the alias; `None` when it is no name of this column.
    pub fn rank(&self, header: &str) -> Option<usize> {
        let header = normalise(header);
        self.names().position(|n| normalise(n) == header)
    }
}

/// A header name as it is compared: lower case, letters and digits only.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub const NIK: Column = Column {
    name: "nik",
    aliases: &[
        "NIK KTP",
        "No. NIK",
        "Nomor NIK",
        "No. KTP",
        "Nomor KTP",
        "Nomor Induk Kependudukan",
        "NIK ART",
        "NIK Anggota",
        "NIK Penerima",
        "NIK KPM",
        "NIK KRT",
    ],
};

pub const NO_KK: Column = Column {
    name: "no_kk",
    aliases: &[
        "No. KK",
        "No KK",
        "Nomor KK",
        "KK",
        "No. Kartu Keluarga",
        "Nomor Kartu Keluarga",
        "Kartu Keluarga",
    ],
};

/// A person's name (`import kpm`).
pub const PERSON_NAME: Column = Column {
    name: "nama",
    aliases: &[
        "Nama Lengkap",
        "Nama ART",
        "Nama Anggota",
        "Nama Penerima",
        "Nama KPM",
        "Nama Sesuai KTP",
        "Nama KTP",
        "Nama KRT",
        "Nama Kepala Keluarga",
    ],
};

pub const KELURAHAN: Column = Column {
    name: "kelurahan",
    aliases: &[
        "Desa/Kelurahan",
        "Kelurahan/Desa",
        "Desa",
        "Kel/Desa",
        "Desa/Kel",
        "Kel.",
        "Nama Desa",
        "Nama Kelurahan",
        "Kode Desa",
        "Kode Kelurahan",
        "Kode Desa/Kelurahan",
    ],
};

pub const PROGRAM: Column = Column {
    name: "program",
    aliases: &[
        "Program Bansos",
        "Program Bantuan",
        "Jenis Program",
        "Jenis Bantuan",
        "Bansos",
        "Bantuan",
    ],
};

pub const ADDRESS: Column = Column {
    name: "alamat",
    aliases: &["Alamat Lengkap", "Alamat Rumah", "Alamat KTP", "Jalan"],
};

pub const RT: Column = Column {
    name: "rt",
    aliases: &["No. RT"],
};

pub const RW: Column = Column {
    name: "rw",
    aliases: &["No. RW"],
};

/// RT and RW in one cell, `003/005` (read only where `rt` or `rw` is empty).
pub const RT_RW: Column = Column {
    name: "rt_rw",
    aliases: &["RT/RW"],
};

pub const KKS_STATUS: Column = Column {
    name: "status_kks",
    aliases: &[
        "Status Kartu",
        "Status Kartu KKS",
        "Kondisi KKS",
        "Kondisi Kartu",
        "KKS Status",
    ],
};

pub const ACTIVE: Column = Column {
    name: "aktif",
    aliases: &[
        "Status Aktif",
        "Keaktifan",
        "Status Kepesertaan",
        "Status Penerima",
        "Status KPM",
    ],
};

pub const DESIL: Column = Column {
    name: "desil",
    aliases: &["Desil Kesejahteraan", "Peringkat Desil", "Desil DTSEN"],
};

/// A region's Kemendagri code (`import wilayah`).
pub const REGION_CODE: Column = Column {
    name: "kode",
    aliases: &["Kode Wilayah", "Kode Kemendagri", "Kode Wil"],
};

/// A region's name (`import wilayah`).
pub const REGION_NAME: Column = Column {
    name: "nama",
    aliases: &["Nama Wilayah", "Wilayah"],
};

/// A quota's place: a desa/kelurahan, or a kecamatan for its official total (`import kuota`).
pub const QUOTA_PLACE: Column = Column {
    name: "kelurahan",
    aliases: &[
        "Desa/Kelurahan",
        "Kelurahan/Desa",
        "Desa",
        "Kel/Desa",
        "Desa/Kel",
        "Kel.",
        "Nama Desa",
        "Nama Kelurahan",
        "Kode Desa",
        "Kode Kelurahan",
        "Kode Desa/Kelurahan",
        "Wilayah",
    ],
};

/// `YYYY` or `YYYY-MM` (`import kuota`).
pub const QUOTA_PERIOD: Column = Column {
    name: "periode",
    aliases: &["Tahun", "Periode Kuota", "Tahun Anggaran"],
};

pub const QUOTA: Column = Column {
    name: "kuota",
    aliases: &["Jumlah Kuota", "Kuota KPM", "Pagu", "Target"],
};

/// `YYYY-MM` (`import penyaluran`).
pub const MONTH: Column = Column {
    name: "periode",
    aliases: &["Periode Penyaluran", "Bulan Penyaluran", "Bulan/Tahun"],
};

pub const RECEIVED: Column = Column {
    name: "diterima",
    aliases: &[
        "Status Penyaluran",
        "Sudah Diterima",
        "Status Diterima",
        "Penyaluran",
        "Tersalur",
    ],
};

pub const HOLIDAY_DATE: Column = Column {
    name: "tanggal",
    aliases: &["Tgl", "Tanggal Libur"],
};

pub const HOLIDAY_NAME: Column = Column {
    name: "keterangan",
    aliases: &["Ket", "Nama Hari Libur", "Hari Libur", "Nama", "Uraian"],
};

/// Header cells quoted as the operator wrote them (trimmed, long digit runs masked, at most
/// `max` of them and "…").
fn quoted_cells<'a>(cells: impl Iterator<Item = &'a String>, max: usize) -> String {
    let cells: Vec<String> = cells.map(|c| format!("\"{}\"", shown(c.trim()))).collect();
    let mut out = cells[..cells.len().min(max)].join(", ");
    if cells.len() > max {
        out.push_str(", …");
    }
    out
}

/// Header cells a note shows (of those not read).
const CELLS_SHOWN: usize = 12;
/// Header cells the refusal of a file without a required column shows.
const CELLS_FOUND: usize = 30;

/// Which header cell each column is read from (by its canonical name), and notes on the
/// header: the columns read under another name, the cells left aside for a better-named one,
/// the cells not read.
pub(super) fn map(
    cells: &[String],
    required: &[&Column],
    optional: &[&Column],
) -> Result<(HashMap<String, usize>, Vec<Reason>), FileFault> {
    let mut columns = HashMap::new();
    let mut read = vec![false; cells.len()];
    let mut renamed = vec![];
    let mut notes = vec![];
    for column in required.iter().chain(optional) {
        // (rank, position) of every cell naming the column, best first.
        let mut named: Vec<(usize, usize)> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, cell)| column.rank(cell).map(|rank| (rank, i)))
            .collect();
        named.sort_unstable();
        let Some(&(rank, at)) = named.first() else {
            continue;
        };
        if let Some(&(other_rank, other)) = named.get(1)
            && other_rank == rank
        {
            return Err(FileFault::DuplicateColumn {
                name: column.name.to_string(),
                first: at + 1,
                second: other + 1,
            });
        }
        columns.insert(column.name.to_string(), at);
        read[at] = true;
        let written = cells[at].trim();
        if written.to_lowercase() != column.name {
            renamed.push((at, format!("{} ← \"{}\"", column.name, shown(written))));
        }
        for &(_, aside) in &named[1..] {
            read[aside] = true;
            notes.push(
                Reason::new("import-note-aside")
                    .arg("header", shown(cells[aside].trim()))
                    .arg("column", column.name)
                    .arg("used", shown(written)),
            );
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .map(|c| c.name)
        .filter(|c| !columns.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        // A first line holding a NIK or No. KK is data: its cells are not quoted back.
        let data = cells
            .iter()
            .any(|c| c.chars().filter(char::is_ascii_digit).count() >= 8);
        let found = (!data)
            .then(|| quoted_cells(cells.iter().filter(|c| !c.trim().is_empty()), CELLS_FOUND));
        return Err(FileFault::MissingColumns {
            missing: missing.join(", "),
            found,
        });
    }
    if !renamed.is_empty() {
        // In the file's order.
        renamed.sort();
        let list: Vec<String> = renamed.into_iter().map(|(_, r)| r).collect();
        notes.insert(
            0,
            Reason::new("import-note-renamed").arg("list", list.join(", ")),
        );
    }
    let unread: Vec<&String> = cells
        .iter()
        .zip(&read)
        .filter(|(c, read)| !**read && !c.trim().is_empty())
        .map(|(c, _)| c)
        .collect();
    if !unread.is_empty() {
        notes.push(
            Reason::new("import-note-unread")
                .arg("list", quoted_cells(unread.into_iter(), CELLS_SHOWN)),
        );
    }
    Ok((columns, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_are_compared_without_case_spaces_dots_slashes_or_underscores() {
        for written in ["no_kk", "No. KK", "NO KK", "No-KK", " no kk "] {
            assert_eq!(NO_KK.rank(written), Some(0), "{written}");
        }
        assert_eq!(NIK.rank("NIK KTP"), Some(1));
        assert_eq!(KELURAHAN.rank("Kelurahan/Desa"), Some(2));
        assert_eq!(KELURAHAN.rank("DESA / KELURAHAN"), Some(1));
        assert_eq!(PERSON_NAME.rank("Nama KRT"), Some(8));
        assert_eq!(NIK.rank("NIK Ibu"), None);
    }
}
